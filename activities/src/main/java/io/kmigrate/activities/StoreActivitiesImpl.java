package io.kmigrate.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kmigrate.activities.store.AuditLog;
import io.kmigrate.activities.store.MigrationStore;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.PlanLoader;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.contract.StoreActivities;
import java.time.Instant;

/** Writes the migration record and the audit log; both writes are idempotent. */
public class StoreActivitiesImpl implements StoreActivities {
  private final MigrationStore migrations;
  private final AuditLog audit;

  public StoreActivitiesImpl(MigrationStore migrations, AuditLog audit) {
    this.migrations = migrations;
    this.audit = audit;
  }

  @Override
  public void recordStatus(String migrationId, MigrationPlan plan, String status) {
    try {
      migrations.upsert(migrationId, plan.scheme().id(), PlanLoader.json().writeValueAsString(plan), status, Instant.now());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise plan " + migrationId, e);
    }
  }

  @Override
  public void audit(AuditEntry entry) {
    audit.append(entry);
  }
}
