package io.kmigrate.clients;

/**
 * One move of a {@link RoutingConsumer}: from and to which cluster (null: none, a stop route), and
 * how long committing what was processed and leaving the old cluster's group took.
 */
public record ConsumerSwitch(String from, String to, long toVersion, long leaveMs) {}
