package io.kmigrate.worker;

import io.kmigrate.activities.MirrorActivitiesImpl;
import io.kmigrate.activities.PreflightActivitiesImpl;
import io.kmigrate.activities.RepointActivitiesImpl;
import io.kmigrate.activities.StoreActivitiesImpl;
import io.kmigrate.activities.TargetActivitiesImpl;
import io.kmigrate.activities.TrafficActivitiesImpl;
import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.mirror.ConnectEndpoints;
import io.kmigrate.activities.notify.NotificationActivitiesImpl;
import io.kmigrate.activities.notify.Notifications;
import io.kmigrate.activities.repoint.WebhookNotifier;
import io.kmigrate.activities.store.AuditLog;
import io.kmigrate.activities.store.Database;
import io.kmigrate.activities.store.MigrationStore;
import io.kmigrate.activities.store.RouteStore;
import java.util.List;

/** Every activity implementation, wired to the clusters, the store, the webhook notifier and the Kafka Connect they act on. */
public record Activities(
    Clusters clusters, Database database, WebhookNotifier webhooks, ConnectEndpoints connect, boolean searchAttributesRegistered,
    Notifications notifications) {
  /** Activities for a Temporal server without kmigrate's search attributes and a worker that notifies nobody. */
  public Activities(Clusters clusters, Database database, WebhookNotifier webhooks, ConnectEndpoints connect) {
    this(clusters, database, webhooks, connect, false, Notifications.none());
  }

  public List<Object> all() {
    return List.of(
        new PreflightActivitiesImpl(clusters, webhooks.policy(), searchAttributesRegistered, notifications.destinations().size()),
        new NotificationActivitiesImpl(notifications.destinations(), notifications.consoleUrl(), webhooks),
        new TargetActivitiesImpl(clusters),
        new TrafficActivitiesImpl(clusters),
        new MirrorActivitiesImpl(clusters, connect),
        new RepointActivitiesImpl(clusters, new RouteStore(database), webhooks),
        new StoreActivitiesImpl(new MigrationStore(database.jdbi()), new AuditLog(database.jdbi())));
  }
}
