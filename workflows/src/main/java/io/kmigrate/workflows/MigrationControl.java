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
 * The handlers every migration workflow offers. Decisions arrive as validated updates (a
 * decision on a gate that is not open is rejected with the reason) or, for
 * {@code temporal workflow signal} users, as signals with the same input.
 */
public interface MigrationControl {
  String TASK_QUEUE = "kmigrate";

  @UpdateMethod
  DecisionRecord approve(GateDecision decision);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(GateDecision decision);

  @UpdateMethod
  DecisionRecord reject(GateDecision decision);

  @UpdateValidatorMethod(updateName = "reject")
  void validateReject(GateDecision decision);

  @UpdateMethod
  String abort(AbortRequest request);

  @UpdateValidatorMethod(updateName = "abort")
  void validateAbort(AbortRequest request);

  @SignalMethod(name = "approveSignal")
  void approveSignal(GateDecision decision);

  @SignalMethod(name = "rejectSignal")
  void rejectSignal(GateDecision decision);

  @SignalMethod(name = "abortSignal")
  void abortSignal(AbortRequest request);

  @QueryMethod
  Progress progress();
}
