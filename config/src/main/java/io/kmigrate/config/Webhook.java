package io.kmigrate.config;

/** Where a {@code webhook} client group's changes are POSTed (the signing secret is the worker's). */
public record Webhook(String url) {}
