package io.kmigrate.workflows;

import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.contract.StoreActivities;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The migration record and audit log, kept in memory. */
final class FakeStore implements StoreActivities {
  private final List<String> statuses = new CopyOnWriteArrayList<>();
  private final List<AuditEntry> audit = new CopyOnWriteArrayList<>();

  @Override
  public void recordStatus(String migrationId, MigrationPlan plan, String status) {
    statuses.add(status);
  }

  @Override
  public void audit(AuditEntry entry) {
    audit.add(entry);
  }

  List<String> statuses() {
    return List.copyOf(statuses);
  }

  List<AuditEntry> audit() {
    return List.copyOf(audit);
  }
}
