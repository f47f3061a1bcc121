package io.kmigrate.workflows;

import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.PreflightActivities;
import io.kmigrate.workflows.contract.PreflightReport;
import io.kmigrate.workflows.contract.PrepareReport;
import io.kmigrate.workflows.contract.TargetActivities;
import io.kmigrate.workflows.gates.GateKeeper;
import io.kmigrate.workflows.progress.ProgressTracker;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.stream.Collectors;

/** The runbook's preparations: preflight checks, then the topics created and the groups seeded on the target. */
final class Preparation {
  private final MigrationPlan plan;
  private final ProgressTracker tracker;
  private final GateKeeper gates;
  private final PreflightActivities preflight = ActivityStubs.quick(PreflightActivities.class);
  private final TargetActivities target = ActivityStubs.quickHeartbeating(TargetActivities.class);

  Preparation(MigrationPlan plan, ProgressTracker tracker, GateKeeper gates) {
    this.plan = plan;
    this.tracker = tracker;
    this.gates = gates;
  }

  /** @return the topics the plan resolves to; fails the workflow (and the step) listing every finding */
  List<String> preflight() {
    PreflightReport report =
        tracker.step(
            "preflight",
            () -> {
              PreflightReport r = preflight.preflight(plan);
              if (!r.passed()) {
                String list = r.findings().stream().map(Object::toString).collect(Collectors.joining("; "));
                throw ApplicationFailure.newNonRetryableFailure(
                    "preflight failed: " + list, MigrationControl.PREFLIGHT_FAILED, r.findings());
              }
              return r;
            },
            r -> r.topics().size() + " topic(s) ready to move"
                + (r.notices().isEmpty() ? "" : "; " + r.notices().stream().map(Object::toString).collect(Collectors.joining("; "))));
    gates.throwIfAborted();
    return report.topics();
  }

  PrepareReport prepareTarget(List<String> topics) {
    PrepareReport report =
        tracker.step(
            "prepare-target",
            () -> target.prepareTarget(plan, topics),
            r -> "created " + r.created().size() + ", already there " + r.alreadyMatching().size()
                + ", groups seeded " + r.seededGroups().size());
    gates.throwIfAborted();
    return report;
  }
}
