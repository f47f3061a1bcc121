package io.kmigrate.workflows.contract;

import io.temporal.activity.ActivityInterface;

/** Tells people: one call per destination, so a receiver that is down is retried alone. */
@ActivityInterface
public interface NotificationActivities {
  /** Delivers {@code notification} to the worker's destination number {@code destination}; throws for a retry. */
  void notify(int destination, Notification notification);
}
