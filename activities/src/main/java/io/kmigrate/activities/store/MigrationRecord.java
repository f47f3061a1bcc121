package io.kmigrate.activities.store;

import java.time.Instant;

/** A row of the migrations table. */
public record MigrationRecord(String id, String scheme, String plan, String status, Instant createdAt, Instant updatedAt) {}
