package io.kmigrate.workflows;

import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.AuditAction;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.contract.StoreActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The migration record and audit log, kept in memory; audit writes can be held to act as a slow database. */
final class FakeStore implements StoreActivities {
  private final List<String> statuses = new CopyOnWriteArrayList<>();
  private final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
  private final List<String> writes = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch held = new CountDownLatch(0);
  private volatile AuditAction refusedAction;

  @Override
  public void recordStatus(String migrationId, MigrationPlan plan, MigrationStatus status) {
    statuses.add(status.name());
    writes.add("status " + status);
  }

  @Override
  public void audit(AuditEntry entry) {
    try {
      if (!held.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("audit writes held for 30 s: the test never released them");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (entry.action() == refusedAction) {
      // What StoreActivitiesImpl throws when the database refuses the data (SQLState 22 or 23).
      throw ApplicationFailure.newNonRetryableFailure(
          "the store refused the audit entry '" + entry.action() + "': SQLState 22001: value too long", "StoreRefused");
    }
    audit.add(entry);
    writes.add("audit " + entry.action());
  }

  /** Entries with this action are refused for good, as a database refuses data it cannot hold. */
  void refuseAudits(AuditAction action) {
    refusedAction = action;
  }

  /** Audit writes from now on wait until {@link #releaseAudits}. */
  void holdAudits() {
    held = new CountDownLatch(1);
  }

  void releaseAudits() {
    held.countDown();
  }

  /** Every status and audit write, in the order stored. */
  List<String> writes() {
    return List.copyOf(writes);
  }

  List<String> statuses() {
    return List.copyOf(statuses);
  }

  List<AuditEntry> audit() {
    return List.copyOf(audit);
  }
}
