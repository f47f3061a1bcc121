package io.kmigrate.workflows;

import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.GateDecision;
import io.kmigrate.workflows.progress.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

/**
 * The handlers every migration workflow offers, and the names a client calls them by (the REST
 * API, the Temporal CLI, a test). Decisions arrive as validated updates (a decision on a gate that
 * is not open is rejected with the reason) or, for {@code temporal workflow signal} users, as
 * signals with the same input.
 */
public interface MigrationControl {
  String TASK_QUEUE = "kmigrate";

  /** Update: approve the open gate. */
  String APPROVE = "approve";
  /** Update: reject the open gate. */
  String REJECT = "reject";
  /** Update: abort the migration (rolling back what moved). */
  String ABORT = "abort";
  String APPROVE_SIGNAL = "approveSignal";
  String REJECT_SIGNAL = "rejectSignal";
  String ABORT_SIGNAL = "abortSignal";
  /** Query: phase, steps, the open gate, decisions, lag. */
  String PROGRESS = "progress";

  /** Failure type of an aborted migration, so clients tell it from a fault. */
  String ABORTED_FAILURE = "MigrationAborted";
  /** Failure type of a failed preflight; its details list every finding. */
  String PREFLIGHT_FAILED = "PreflightFailed";

  @UpdateMethod(name = APPROVE)
  DecisionRecord approve(GateDecision decision);

  @UpdateValidatorMethod(updateName = APPROVE)
  void validateApprove(GateDecision decision);

  @UpdateMethod(name = REJECT)
  DecisionRecord reject(GateDecision decision);

  @UpdateValidatorMethod(updateName = REJECT)
  void validateReject(GateDecision decision);

  @UpdateMethod(name = ABORT)
  String abort(AbortRequest request);

  @UpdateValidatorMethod(updateName = ABORT)
  void validateAbort(AbortRequest request);

  @SignalMethod(name = APPROVE_SIGNAL)
  void approveSignal(GateDecision decision);

  @SignalMethod(name = REJECT_SIGNAL)
  void rejectSignal(GateDecision decision);

  @SignalMethod(name = ABORT_SIGNAL)
  void abortSignal(AbortRequest request);

  @QueryMethod(name = PROGRESS)
  Progress progress();
}
