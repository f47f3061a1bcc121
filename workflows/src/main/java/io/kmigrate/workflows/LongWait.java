package io.kmigrate.workflows;

import io.kmigrate.workflows.gates.GateKeeper;
import io.kmigrate.workflows.gates.GateOutcome;
import io.kmigrate.workflows.gates.OpenGate;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Races a heartbeating wait activity against a {@code maxWait} timer. When the timer fires, a
 * gate asks a person: approve = proceed without the condition, reject = keep waiting (a new
 * timer). The activity keeps polling meanwhile, so the gate closes by itself if the condition
 * comes true. A wait of days costs a few history events, however many polls it makes.
 */
final class LongWait {
  private LongWait() {}

  /** Waits for an activity that ends by itself (it reports after its own deadline); an abort cancels it. */
  static <R> R untilDone(Supplier<Promise<R>> start, GateKeeper gates) {
    Running<R> running = Running.start(start);
    Workflow.await(() -> running.promise().isCompleted() || gates.abortRequested());
    running.cancelIfAborted(gates);
    return running.promise().get();
  }

  /** An activity started in a scope of its own, so it can be cancelled alone. */
  private record Running<R>(CancellationScope scope, Promise<R> promise) {
    static <R> Running<R> start(Supplier<Promise<R>> start) {
      @SuppressWarnings("unchecked")
      Promise<R>[] result = new Promise[1];
      CancellationScope scope = Workflow.newCancellationScope(() -> result[0] = start.get());
      scope.run();
      return new Running<>(scope, result[0]);
    }

    void cancelIfAborted(GateKeeper gates) {
      if (gates.abortRequested()) {
        scope.cancel();
        gates.throwIfAborted();
      }
    }
  }

  /** @return the activity's result, or empty when a person chose to proceed without it */
  static <R> Optional<R> run(Supplier<Promise<R>> start, Duration maxWait, Approvals approvals, String gateName, String what) {
    GateKeeper gates = approvals.gates();
    Running<R> running = Running.start(start);
    Promise<R> result = running.promise();
    CancellationScope activityScope = running.scope();
    while (true) {
      // One timer per maxWait, however many polls the activity makes meanwhile. An abort ends the
      // wait at once: the activity is cancelled and the workflow rolls back.
      boolean ended = SummarizedTimer.await(maxWait, gateName + " opens if " + what + " takes longer than " + maxWait,
          () -> result.isCompleted() || gates.abortRequested());
      running.cancelIfAborted(gates);
      if (ended) {
        return Optional.of(result.get());
      }
      OpenGate gate =
          new OpenGate(
              gateName,
              what + " has not happened after " + maxWait,
              "proceed without it",
              "keep waiting another " + maxWait,
              WorkflowTime.now());
      GateOutcome outcome = approvals.proceedOrKeepWaiting(gate, result::isCompleted);
      switch (outcome) {
        case RESOLVED -> {
          return Optional.of(result.get());
        }
        case APPROVED -> {
          activityScope.cancel();
          return Optional.empty();
        }
        case ABORTED -> {
          activityScope.cancel();
          gates.throwIfAborted();
          throw new IllegalStateException("unreachable");
        }
        case REJECTED -> {
          // keep waiting: loop for another maxWait
        }
      }
    }
  }
}
