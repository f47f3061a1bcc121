package io.kmigrate.workflows;

import io.kmigrate.config.Waits;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Activity options shared by the migration workflows. */
final class ActivityStubs {
  private ActivityStubs() {}

  private static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofSeconds(30))
          .build();

  /** Admin calls: quick, retried on faults. */
  static <T> T quick(Class<T> type) {
    return quick(type, null);
  }

  /** As {@link #quick(Class)}, each call shown in the workflow's history with {@code summary} ("preflight: 2 topics"). */
  static <T> T quick(Class<T> type, String summary) {
    return Workflow.newActivityStub(
        type,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(2))
            .setRetryOptions(RetryOptions.newBuilder(RETRY).setMaximumAttempts(10).build())
            .setSummary(summary)
            .build());
  }

  /**
   * Admin calls that heartbeat between their steps (creating topics): a killed worker is noticed
   * after 30 s instead of the 2 min start-to-close, and the retry finds what the dead one did.
   */
  static <T> T quickHeartbeating(Class<T> type, String summary) {
    return Workflow.newActivityStub(
        type,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(2))
            .setHeartbeatTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder(RETRY).setMaximumAttempts(10).build())
            .setSummary(summary)
            .build());
  }

  /**
   * The store and repointing: retried until they answer. A database outage must never be the
   * reason a migration whose producers already moved fails; it waits for the database instead.
   */
  static <T> T durable(Class<T> type) {
    return durable(type, null);
  }

  /** As {@link #durable(Class)}, with a summary in the history ("repoint orders-api to target"). */
  static <T> T durable(Class<T> type, String summary) {
    return Workflow.newActivityStub(
        type,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder(RETRY).setMaximumInterval(Duration.ofMinutes(1)).build())
            .setSummary(summary)
            .build());
  }

  /**
   * Long waits: heartbeat every poll, so a dead worker is noticed within a few polls and the
   * retry resumes from the last heartbeat; no attempt limit, the maxWait gate governs patience.
   */
  static <T> T waiting(Class<T> type, Waits waits) {
    return waiting(type, waits, 0, null);
  }

  /** As {@link #waiting(Class, Waits)}, with a summary in the history ("drain-source: 3 groups on 2 topics"). */
  static <T> T waiting(Class<T> type, Waits waits, String summary) {
    return waiting(type, waits, 0, summary);
  }

  /** A long wait whose faults end in a failure after {@code attempts} (0: never), for a person to see. */
  static <T> T waiting(Class<T> type, Waits waits, int attempts) {
    return waiting(type, waits, attempts, null);
  }

  private static <T> T waiting(Class<T> type, Waits waits, int attempts, String summary) {
    Duration heartbeat = waits.pollInterval().multipliedBy(3);
    if (heartbeat.compareTo(Duration.ofSeconds(30)) < 0) {
      heartbeat = Duration.ofSeconds(30);
    }
    return Workflow.newActivityStub(
        type,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofDays(7))
            .setHeartbeatTimeout(heartbeat)
            .setRetryOptions(RetryOptions.newBuilder(RETRY).setMaximumAttempts(attempts).build())
            .setSummary(summary)
            .build());
  }
}
