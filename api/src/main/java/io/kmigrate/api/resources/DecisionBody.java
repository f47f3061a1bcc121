package io.kmigrate.api.resources;

/** Body of approve/reject: who decides and why. */
public record DecisionBody(String by, String comment) {}
