package io.kmigrate.activities.notify;

import io.kmigrate.activities.repoint.WebhookNotifier;
import io.kmigrate.workflows.contract.Notification;
import io.kmigrate.workflows.contract.NotificationActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * Delivers notifications to the worker's destinations through the same {@link WebhookNotifier} as
 * repoint webhooks: only where the webhook policy allows, signed, 5xx and timeouts retried by the
 * activity's retry policy (the workflow never waits on a delivery, except briefly at its end).
 */
public class NotificationActivitiesImpl implements NotificationActivities {
  private final List<NotificationDestination> destinations;
  private final String consoleUrl;
  private final WebhookNotifier http;

  public NotificationActivitiesImpl(List<NotificationDestination> destinations, String consoleUrl, WebhookNotifier http) {
    this.destinations = List.copyOf(destinations);
    this.consoleUrl = consoleUrl;
    this.http = http;
  }

  public int destinations() {
    return destinations.size();
  }

  @Override
  public void notify(int destination, Notification notification) {
    if (destination < 0 || destination >= destinations.size()) {
      // This worker has fewer destinations than the one that planned the call: nothing to deliver to.
      throw ApplicationFailure.newNonRetryableFailure("no notification destination " + destination + " on this worker (it has "
          + destinations.size() + ")", "NoSuchDestination");
    }
    NotificationDestination d = destinations.get(destination);
    http.notify(d.url(), NotificationBodies.of(d.format(), notification, consoleUrl), notification.key() + "-" + destination);
  }
}
