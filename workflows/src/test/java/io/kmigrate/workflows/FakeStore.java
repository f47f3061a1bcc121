package io.kmigrate.workflows;

import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.contract.StoreActivities;
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

  @Override
  public void recordStatus(String migrationId, MigrationPlan plan, String status) {
    statuses.add(status);
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
    audit.add(entry);
    writes.add("audit " + entry.action());
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
