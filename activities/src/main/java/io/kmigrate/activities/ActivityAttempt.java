package io.kmigrate.activities;

import io.temporal.activity.Activity;

/** Which attempt of its activity is running. Called directly (tests, tools) there is no retry to come, and it is the last. */
public final class ActivityAttempt {
  public static final int LAST = Integer.MAX_VALUE;

  private ActivityAttempt() {}

  /** 1 for the first attempt, as Temporal counts; {@link #LAST} outside an activity. */
  public static int number() {
    try {
      return Activity.getExecutionContext().getInfo().getAttempt();
    } catch (IllegalStateException notInAnActivity) {
      return LAST;
    }
  }
}
