package io.kmigrate.activities.store;

import io.kmigrate.workflows.contract.MigrationStatus;
import java.time.Instant;

/** A row of the migrations table. */
public record MigrationRecord(String id, String scheme, String plan, MigrationStatus status, Instant createdAt, Instant updatedAt) {}
