package io.kmigrate.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;

/**
 * Heartbeats from inside an activity, so Temporal notices a dead worker after the heartbeat
 * timeout rather than the whole start-to-close timeout. Called directly (tests, tools) there is
 * no activity to beat for, and it does nothing.
 */
public final class ActivityHeartbeat {
  private ActivityHeartbeat() {}

  public static void beat() {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException notInAnActivity) {
      return;
    }
    context.heartbeat(null);
  }
}
