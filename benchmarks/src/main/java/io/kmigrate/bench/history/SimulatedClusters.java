package io.kmigrate.bench.history;

import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.contract.PreflightActivities;
import io.kmigrate.workflows.contract.PreflightReport;
import io.kmigrate.workflows.contract.PrepareReport;
import io.kmigrate.workflows.contract.RepointActivities;
import io.kmigrate.workflows.contract.RepointRequest;
import io.kmigrate.workflows.contract.RepointResult;
import io.kmigrate.workflows.contract.StoreActivities;
import io.kmigrate.workflows.contract.TargetActivities;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The quick activities of a migration, answering at once as healthy clusters would: they cost
 * the same history events whatever they do, so only their number matters here.
 */
final class SimulatedClusters implements PreflightActivities, TargetActivities, RepointActivities, StoreActivities {
  private final AtomicLong routeVersion = new AtomicLong();

  @Override
  public PreflightReport preflight(MigrationPlan plan) {
    return new PreflightReport(plan.topics(), List.of());
  }

  @Override
  public List<String> missingPrincipals(MigrationPlan plan) {
    return List.of();
  }

  @Override
  public PrepareReport prepareTarget(MigrationPlan plan, List<String> topics) {
    return new PrepareReport(topics, List.of(), plan.consumerGroups());
  }

  @Override
  public RepointResult repoint(RepointRequest request) {
    return new RepointResult(request.client().name(), request.cluster(), request.cluster() + ":9092", routeVersion.incrementAndGet(), true);
  }

  @Override
  public void recordStatus(String migrationId, MigrationPlan plan, MigrationStatus status) {}

  @Override
  public void audit(AuditEntry entry) {}
}
