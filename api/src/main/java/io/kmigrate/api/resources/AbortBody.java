package io.kmigrate.api.resources;

/** Body of abort: who aborts and why. */
public record AbortBody(String by, String reason) {}
