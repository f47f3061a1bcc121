package io.kmigrate.activities.notify;

import java.util.List;

/** A worker's notification settings, resolved: where messages go and the console they link to (null: no link). */
public record Notifications(List<NotificationDestination> destinations, String consoleUrl) {
  public Notifications {
    destinations = List.copyOf(destinations);
  }

  public static Notifications none() {
    return new Notifications(List.of(), null);
  }
}
