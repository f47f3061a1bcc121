package io.kmigrate.workflows;

import io.kmigrate.config.GateConfig;
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

  /** @return the activity's result, or empty when a person chose to proceed without it */
  static <R> Optional<R> run(Supplier<Promise<R>> start, Duration maxWait, GateKeeper gates, String gateName, String what) {
    @SuppressWarnings("unchecked")
    Promise<R>[] result = new Promise[1];
    CancellationScope activityScope = Workflow.newCancellationScope(() -> result[0] = start.get());
    activityScope.run();
    while (true) {
      // One timer per maxWait, however many polls the activity makes meanwhile. An abort ends the
      // wait at once: the activity is cancelled and the workflow rolls back.
      boolean ended = Workflow.await(maxWait, () -> result[0].isCompleted() || gates.abortRequested());
      if (gates.abortRequested()) {
        activityScope.cancel();
        gates.throwIfAborted();
      }
      if (ended) {
        return Optional.of(result[0].get());
      }
      OpenGate gate =
          new OpenGate(
              gateName,
              what + " has not happened after " + maxWait,
              "proceed without it",
              "keep waiting another " + maxWait,
              WorkflowTime.now());
      GateOutcome outcome = gates.await(gate, GateConfig.requiredForever(), result[0]::isCompleted);
      switch (outcome) {
        case RESOLVED -> {
          return Optional.of(result[0].get());
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
