package io.kmigrate.activities.lag;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The body of every heartbeating wait: poll, heartbeat the state, sleep, until a poll returns a
 * result. A retried attempt starts from the last heartbeat's state; heartbeats never reach the
 * workflow's history, so a wait of days stays a handful of events. Cancellation arrives through
 * the heartbeat and ends the loop.
 */
public final class WaitLoop {
  private WaitLoop() {}

  /** A poll's outcome: the state to remember and, once the wait is over, its result. */
  public record Step<S, R>(S state, R result) {
    public static <S, R> Step<S, R> wait(S state) {
      return new Step<>(state, null);
    }

    public static <S, R> Step<S, R> done(S state, R result) {
      return new Step<>(state, result);
    }
  }

  public static <S, R> R run(long pollIntervalMs, Class<S> stateType, Supplier<S> initial, Function<S, Step<S, R>> poll) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    S state = ctx.getHeartbeatDetails(stateType).orElseGet(initial);
    while (true) {
      Step<S, R> step = poll.apply(state);
      state = step.state();
      ctx.heartbeat(state);
      if (step.result() != null) {
        return step.result();
      }
      try {
        Thread.sleep(pollIntervalMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Activity.wrap(e);
      }
    }
  }
}
