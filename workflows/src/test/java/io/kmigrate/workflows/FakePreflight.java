package io.kmigrate.workflows;

import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.Finding;
import io.kmigrate.workflows.contract.PreflightActivities;
import io.kmigrate.workflows.contract.PreflightReport;
import java.util.List;

/** Passes with the plan's topics, unless told to report findings. */
final class FakePreflight implements PreflightActivities {
  private final CallLog log;
  private volatile List<Finding> findings = List.of();

  FakePreflight(CallLog log) {
    this.log = log;
  }

  void findings(Finding... findings) {
    this.findings = List.of(findings);
  }

  @Override
  public PreflightReport preflight(MigrationPlan plan) {
    log.add("preflight");
    return new PreflightReport(plan.topics(), findings);
  }
}
