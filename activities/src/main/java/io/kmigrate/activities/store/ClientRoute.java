package io.kmigrate.activities.store;

/** Where a client group should connect; {@code version} grows with every change so clients notice. */
public record ClientRoute(String client, String cluster, String bootstrapServers, long version, String updatedAt) {}
