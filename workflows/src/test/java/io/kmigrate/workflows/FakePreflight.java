package io.kmigrate.workflows;

import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.Finding;
import io.kmigrate.workflows.contract.PreflightActivities;
import io.kmigrate.workflows.contract.PreflightReport;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Passes with the plan's topics, unless told to report findings or principals without a
 * credential on the target (then each recheck answers the next list it was given).
 */
final class FakePreflight implements PreflightActivities {
  private final CallLog log;
  private volatile List<Finding> findings = List.of();
  private final Deque<List<String>> missingPrincipals = new ConcurrentLinkedDeque<>();
  private volatile boolean searchAttributesRegistered;
  private volatile int notificationDestinations;

  /** How many notification destinations preflight says the worker has. */
  void notificationDestinations(int count) {
    this.notificationDestinations = count;
  }

  /** Whether preflight says the server has kmigrate's search attributes (the worker registered them). */
  void searchAttributesRegistered(boolean registered) {
    this.searchAttributesRegistered = registered;
  }

  FakePreflight(CallLog log) {
    this.log = log;
  }

  void findings(Finding... findings) {
    this.findings = List.of(findings);
  }

  /** What preflight, then each recheck, finds missing; an empty list once they run out. */
  @SafeVarargs
  final void missingPrincipals(List<String>... answers) {
    missingPrincipals.addAll(List.of(answers));
  }

  @Override
  public PreflightReport preflight(MigrationPlan plan) {
    log.add("preflight");
    return new PreflightReport(plan.topics(), findings, List.of(), nextMissing(), searchAttributesRegistered, notificationDestinations);
  }

  @Override
  public List<String> missingPrincipals(MigrationPlan plan) {
    log.add("missingPrincipals");
    return nextMissing();
  }

  private List<String> nextMissing() {
    List<String> next = missingPrincipals.poll();
    return next == null ? List.of() : next;
  }
}
