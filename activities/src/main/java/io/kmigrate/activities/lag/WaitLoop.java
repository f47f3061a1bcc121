package io.kmigrate.activities.lag;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The body of every heartbeating wait: poll, heartbeat the state, sleep, until a poll returns a
 * result. A retried attempt starts from the last heartbeat's state; heartbeats never reach the
 * workflow's history, so a wait of days stays a handful of events. Cancellation arrives through
 * the heartbeat and ends the loop. A state that is {@link Heartbeated} heartbeats its
 * {@link Heartbeated#heartbeatDetails details}; the loop keeps the whole state.
 */
public final class WaitLoop {
  private static final Logger log = LoggerFactory.getLogger(WaitLoop.class);

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

  /** A wait whose every poll error fails the attempt (Temporal retries it from the last heartbeat). */
  public static <S, R> R run(long pollIntervalMs, Class<S> stateType, Supplier<S> initial, Function<S, Step<S, R>> poll) {
    return run(pollIntervalMs, stateType, initial, poll, null);
  }

  /**
   * A wait that outlasts a cluster it cannot read ({@link PartialViewException#means}): such a
   * poll is no verdict; the wait heartbeats {@code unobserved}'s state (the last state, marked)
   * and polls again, so the spell is in its memory when the cluster answers again.
   */
  public static <S, R> R run(
      long pollIntervalMs, Class<S> stateType, Supplier<S> initial, Function<S, Step<S, R>> poll,
      BiFunction<S, RuntimeException, S> unobserved) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    S state = ctx.getHeartbeatDetails(stateType).orElseGet(initial);
    while (true) {
      Step<S, R> step;
      try {
        step = poll.apply(state);
      } catch (RuntimeException e) {
        if (unobserved == null || !PartialViewException.means(e)) {
          throw e;
        }
        log.warn("{} poll saw no complete view, polling again: {}", ctx.getInfo().getActivityType(), e.toString());
        step = Step.wait(unobserved.apply(state, e));
      }
      state = step.state();
      ctx.heartbeat(state instanceof Heartbeated<?> h ? h.heartbeatDetails() : state);
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
