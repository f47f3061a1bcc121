package io.kmigrate.workflows.contract;

/** The route a client group now has; {@code changed} is false when it already pointed there. */
public record RepointResult(String client, String cluster, String bootstrapServers, long version, boolean changed) {}
