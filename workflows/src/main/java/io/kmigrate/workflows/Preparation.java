package io.kmigrate.workflows;

import static io.kmigrate.workflows.WorkflowTime.now;

import io.kmigrate.config.GateName;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.PreflightActivities;
import io.kmigrate.workflows.contract.PreflightReport;
import io.kmigrate.workflows.contract.PrepareReport;
import io.kmigrate.workflows.contract.TargetActivities;
import io.kmigrate.workflows.gates.GateKeeper;
import io.kmigrate.workflows.gates.OpenGate;
import io.kmigrate.workflows.progress.ProgressTracker;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.stream.Collectors;

/** The runbook's preparations: preflight checks, then the topics created and the groups seeded on the target. */
final class Preparation {
  private final MigrationPlan plan;
  private final ProgressTracker tracker;
  private final GateKeeper gates;
  private final Approvals approvals;
  private boolean searchAttributesReady;
  private int notifications;
  private final PreflightActivities preflight;

  Preparation(MigrationPlan plan, ProgressTracker tracker, GateKeeper gates, Approvals approvals) {
    this.plan = plan;
    this.tracker = tracker;
    this.gates = gates;
    this.approvals = approvals;
    this.preflight = ActivityStubs.quick(PreflightActivities.class,
        "preflight: " + (plan.topics() != null ? plan.topics().size() + " topic(s)" : "topics matching " + plan.topicPattern())
            + ", " + plan.source() + " to " + plan.target());
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
    searchAttributesReady = report.searchAttributesReady();
    notifications = report.notifications();
    awaitPrincipals(report.missingPrincipals());
    return report.topics();
  }

  /**
   * Principals without a SCRAM credential on the target: only a person can create one (Kafka
   * never hands a credential out), so the migration waits before anything changes. Approve checks
   * again; when the same principals are still missing, the gate opens once more to let a person
   * proceed without them (they may log in another way: PLAIN, OAUTHBEARER, mutual TLS).
   */
  private void awaitPrincipals(List<String> missing) {
    List<String> beforeRecheck = null;
    while (!missing.isEmpty()) {
      boolean stillMissing = missing.equals(beforeRecheck);
      tracker.phase("gate:" + GateName.PRINCIPALS_MISSING);
      approvals.keepWaitingOrAbort(new OpenGate(GateName.PRINCIPALS_MISSING,
              (stillMissing ? "still no SCRAM credential" : "no SCRAM credential") + " on " + plan.target() + " for " + String.join(", ", missing)
                  + ": create them there (kafka-configs --alter --add-config 'SCRAM-SHA-512=[password=...]' --entity-type users --entity-name NAME)",
              stillMissing ? "proceed without them: they log in to " + plan.target() + " another way (PLAIN, OAUTHBEARER, mutual TLS)"
                  : "check again (after creating them)",
              "abort the migration: nothing has changed on either cluster", now()),
          "principals missing on " + plan.target());
      if (stillMissing) {
        return;
      }
      beforeRecheck = missing;
      missing = tracker.step("principals-recheck", () -> preflight.missingPrincipals(plan),
          m -> m.isEmpty() ? "every principal can log in to " + plan.target() : "still missing: " + String.join(", ", m));
    }
  }

  /** How many notification destinations preflight's worker has. */
  int notifications() {
    return notifications;
  }

  /** Whether preflight's worker found kmigrate's search attributes on the Temporal server. */
  boolean searchAttributesReady() {
    return searchAttributesReady;
  }

  PrepareReport prepareTarget(List<String> topics) {
    PrepareReport report =
        tracker.step(
            "prepare-target",
            () -> ActivityStubs.quickHeartbeating(TargetActivities.class,
                "prepare-target: " + topics.size() + " topic(s), " + plan.consumerGroups().size() + " group(s) on " + plan.target())
                .prepareTarget(plan, topics),
            r -> "created " + r.created().size() + ", already there " + r.alreadyMatching().size()
                + ", groups seeded " + r.seededGroups().size() + (r.acls().copied() || !r.acls().quotasCopied().isEmpty() ? "; " + r.acls().summary() : ""));
    gates.throwIfAborted();
    return report;
  }
}
