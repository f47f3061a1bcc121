package io.kmigrate.workflows.contract;

import io.kmigrate.config.MigrationPlan;
import io.temporal.activity.ActivityInterface;

/** The migration record and the audit log, written by the workflow so every start path is recorded. */
@ActivityInterface
public interface StoreActivities {
  /** Upserts the migration row. */
  void recordStatus(String migrationId, MigrationPlan plan, MigrationStatus status);

  void audit(AuditEntry entry);
}
