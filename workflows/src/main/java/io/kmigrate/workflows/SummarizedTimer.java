package io.kmigrate.workflows;

import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * {@code Workflow.await(timeout, condition)} with a summary on its timer, so a history in the
 * Temporal UI reads "gate producer-cutover times out (PT4H)" rather than a bare timer. It makes
 * the same commands as that call does in SDK 1.38 (one timer, not cancelled when the condition
 * comes first), so histories recorded with it replay.
 */
public final class SummarizedTimer {
  private SummarizedTimer() {}

  /** @return true when {@code condition} came true before the timer fired */
  public static boolean await(Duration timeout, String summary, BooleanSupplier condition) {
    Promise<Void> timer = Workflow.newTimer(timeout, TimerOptions.newBuilder().setSummary(summary).build());
    Workflow.await(() -> timer.isCompleted() || condition.getAsBoolean());
    return !timer.isCompleted();
  }
}
