package io.kmigrate.workflows;

import static io.kmigrate.workflows.WorkflowTime.now;

import io.kmigrate.config.GateConfig;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.gates.GateKeeper;
import io.kmigrate.workflows.gates.GateOutcome;
import io.kmigrate.workflows.gates.OpenGate;
import io.kmigrate.workflows.progress.ProgressTracker;
import java.util.function.BooleanSupplier;

/**
 * Every gate a migration opens, by kind: each kind says what approve and reject mean, so no step
 * spells out its own. An abort while a gate is open ends the migration at that gate, whatever
 * its kind.
 *
 * <table>
 *   <caption>Gate kinds</caption>
 *   <tr><th>kind</th><th>approve</th><th>reject</th><th>used for</th></tr>
 *   <tr><td>{@link #approveOrAbort}</td><td>go on</td><td>abort (rolling back what moved)</td>
 *       <td>the plan's cutover gates before anything client-facing moved</td></tr>
 *   <tr><td>{@link #untilApproved}</td><td>go on</td><td>not yet: the gate opens again</td>
 *       <td>the plan's gates after producers moved, a manual repoint</td></tr>
 *   <tr><td>{@link #acceptOrCheckAgain}</td><td>accept things as they are</td><td>check again</td>
 *       <td>a producer still writing to the source, a stalled drain</td></tr>
 *   <tr><td>{@link #keepWaitingOrAbort}</td><td>wait again</td><td>abort</td>
 *       <td>offsets not translated yet, the mirror behind the source's last records</td></tr>
 *   <tr><td>{@link #retryOrGiveUp}</td><td>try the step again</td><td>give up: abort, or skip where the step may be skipped</td>
 *       <td>a failed mirror step</td></tr>
 *   <tr><td>{@link #proceedOrKeepWaiting}</td><td>proceed without the condition</td><td>keep waiting</td>
 *       <td>a wait past {@code maxWait}; the gate closes by itself if the condition comes true</td></tr>
 * </table>
 */
final class Approvals {
  private static final BooleanSupplier NEVER_BY_ITSELF = () -> false;

  private final MigrationPlan plan;
  private final ProgressTracker tracker;
  private final GateKeeper gates;

  Approvals(MigrationPlan plan, ProgressTracker tracker, GateKeeper gates) {
    this.plan = plan;
    this.tracker = tracker;
    this.gates = gates;
  }

  /** One of the plan's gates before anything client-facing changed, when the plan requires it: reject aborts. */
  void approveOrAbort(String gate, String question, String approveMeans, String rejectMeans) {
    GateConfig config = plan.gates().forGate(gate);
    if (!config.isRequired()) {
      return;
    }
    tracker.phase("gate:" + gate);
    decideOrAbort(new OpenGate(gate, question, approveMeans, rejectMeans, now()), config, "gate " + gate + " rejected");
  }

  /** One of the plan's gates after producers moved, when the plan requires it: the only way is forward, so reject means "not yet". */
  void untilApproved(String gate, String question, String approveMeans) {
    GateConfig config = plan.gates().forGate(gate);
    if (!config.isRequired()) {
      return;
    }
    tracker.phase("gate:" + gate);
    untilApproved(new OpenGate(gate, question, approveMeans, "not yet: the gate opens again", now()), config);
  }

  /** A gate a person must close by approving (reject opens it again), e.g. "done" for a manual repoint. */
  void untilApproved(OpenGate gate) {
    untilApproved(gate, GateConfig.requiredForever());
  }

  private void untilApproved(OpenGate gate, GateConfig config) {
    while (gates.await(gate, config, NEVER_BY_ITSELF) == GateOutcome.REJECTED) {
      // not yet: the gate opens again
    }
    gates.throwIfAborted();
  }

  /** @return true when the person accepts things as they are; false to check again */
  boolean acceptOrCheckAgain(OpenGate gate) {
    if (gates.await(gate, GateConfig.requiredForever(), NEVER_BY_ITSELF) == GateOutcome.APPROVED) {
      return true;
    }
    gates.throwIfAborted();
    return false;
  }

  /** Approve waits again; reject aborts the migration, {@code abortWhat} saying what was given up on. */
  void keepWaitingOrAbort(OpenGate gate, String abortWhat) {
    decideOrAbort(gate, GateConfig.requiredForever(), abortWhat);
  }

  /** @return true to try the failed step again; false when the person gave up on it (the caller skips the step or aborts) */
  boolean retryOrGiveUp(OpenGate gate) {
    if (gates.await(gate, GateConfig.requiredForever(), NEVER_BY_ITSELF) == GateOutcome.REJECTED) {
      return false;
    }
    gates.throwIfAborted();
    return true;
  }

  /** A wait past maxWait: the gate also closes by itself ({@link GateOutcome#RESOLVED}) once {@code waitEnded}. */
  GateOutcome proceedOrKeepWaiting(OpenGate gate, BooleanSupplier waitEnded) {
    return gates.await(gate, GateConfig.requiredForever(), waitEnded);
  }

  private void decideOrAbort(OpenGate gate, GateConfig config, String abortWhat) {
    if (gates.await(gate, config, NEVER_BY_ITSELF) == GateOutcome.REJECTED) {
      throw gates.rejectionAbort(abortWhat);
    }
    gates.throwIfAborted();
  }

  GateKeeper gates() {
    return gates;
  }
}
