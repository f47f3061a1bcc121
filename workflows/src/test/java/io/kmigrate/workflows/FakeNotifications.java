package io.kmigrate.workflows;

import io.kmigrate.workflows.contract.Notification;
import io.kmigrate.workflows.contract.NotificationActivities;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each delivery, or hands it to a real implementation when given one. */
final class FakeNotifications implements NotificationActivities {
  /** One delivery: to which destination, what. */
  record Delivery(int destination, Notification notification) {}

  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private volatile NotificationActivities real;

  /** From now on deliveries go to {@code real} (and are recorded when it takes them). */
  void deliverWith(NotificationActivities real) {
    this.real = real;
  }

  @Override
  public void notify(int destination, Notification notification) {
    if (real != null) {
      real.notify(destination, notification);
    }
    deliveries.add(new Delivery(destination, notification));
  }

  List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }
}
