package io.kmigrate.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kmigrate.activities.store.AuditLog;
import io.kmigrate.activities.store.DataRefusal;
import io.kmigrate.activities.store.MigrationStore;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.PlanLoader;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.contract.StoreActivities;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;

/** Writes the migration record and the audit log; both writes are idempotent. */
public class StoreActivitiesImpl implements StoreActivities {
  /** Failure type of a write the store refused for its data (SQLState class 22 or 23): not retried. */
  public static final String STORE_REFUSED = "StoreRefused";

  private final MigrationStore migrations;
  private final AuditLog audit;

  public StoreActivitiesImpl(MigrationStore migrations, AuditLog audit) {
    this.migrations = migrations;
    this.audit = audit;
  }

  @Override
  public void recordStatus(String migrationId, MigrationPlan plan, MigrationStatus status) {
    String json;
    try {
      json = PlanLoader.json().writeValueAsString(plan);
    } catch (JsonProcessingException e) {
      throw ApplicationFailure.newNonRetryableFailure("cannot serialise plan " + migrationId + ": " + e.getOriginalMessage(), STORE_REFUSED);
    }
    refusedForGood("status " + status + " of migration " + migrationId,
        () -> migrations.upsert(migrationId, plan.scheme().id(), json, status, Instant.now()));
  }

  @Override
  public void audit(AuditEntry entry) {
    refusedForGood("audit entry '" + entry.action() + "'" + (entry.gate() == null ? "" : " at gate " + entry.gate()),
        () -> audit.append(entry));
  }

  /**
   * Runs a write; a store that is down throws as it is (the activity is retried until it answers),
   * but a write refused for its data fails for good: retrying the same data cannot succeed, and a
   * migration must never wait on it forever.
   */
  private static void refusedForGood(String what, Runnable write) {
    try {
      write.run();
    } catch (RuntimeException e) {
      DataRefusal.of(e).ifPresent(sql -> {
        throw ApplicationFailure.newNonRetryableFailure(
            "the store refused the " + what + ": " + DataRefusal.describe(sql), STORE_REFUSED);
      });
      throw e;
    }
  }
}
