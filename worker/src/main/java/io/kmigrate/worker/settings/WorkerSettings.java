package io.kmigrate.worker.settings;

import io.kmigrate.config.ClusterConfig;
import io.kmigrate.localstack.LocalSecurity;
import java.util.Map;

/**
 * Everything a worker needs to start: where Temporal and the store are, the Kafka clusters plans
 * name (with their client properties, secrets as references), where webhooks may go and how they
 * are signed, where MirrorMaker runs, the metrics port and the data directory. The server's
 * configuration holds the same sections at its top level; {@code kmigrate worker} reads them alone.
 * {@code localSecurity} secures the local clusters started when none is configured (SASL and
 * ACLs, for {@code demo --secure}); null, as in every configuration file, leaves them plaintext.
 */
public record WorkerSettings(
    TemporalSettings temporal,
    DatabaseSettings database,
    Map<String, ClusterConfig> clusters,
    WebhookSettings webhooks,
    ConnectSettings connect,
    PrometheusSettings prometheus,
    String dataDir,
    LocalSecurity localSecurity,
    NotificationSettings notifications) {
  public WorkerSettings {
    clusters = clusters == null ? Map.of() : Map.copyOf(clusters);
    notifications = notifications == null ? new NotificationSettings() : notifications;
  }

  public WorkerSettings(TemporalSettings temporal, DatabaseSettings database, Map<String, ClusterConfig> clusters, WebhookSettings webhooks,
      ConnectSettings connect, PrometheusSettings prometheus, String dataDir, LocalSecurity localSecurity) {
    this(temporal, database, clusters, webhooks, connect, prometheus, dataDir, localSecurity, null);
  }

  /** Settings whose local clusters (when no cluster is configured) are plaintext, as every worker's are. */
  public WorkerSettings(TemporalSettings temporal, DatabaseSettings database, Map<String, ClusterConfig> clusters, WebhookSettings webhooks,
      ConnectSettings connect, PrometheusSettings prometheus, String dataDir) {
    this(temporal, database, clusters, webhooks, connect, prometheus, dataDir, null);
  }

  /** Every section at its default: the embedded default, its files under {@code dataDir}. */
  public static WorkerSettings defaults(String dataDir) {
    return new WorkerSettings(new TemporalSettings(), new DatabaseSettings(), Map.of(), new WebhookSettings(),
        new ConnectSettings(), new PrometheusSettings(), dataDir);
  }

  /** The same settings naming these clusters. */
  public WorkerSettings withClusters(Map<String, ClusterConfig> named) {
    return new WorkerSettings(temporal, database, named, webhooks, connect, prometheus, dataDir, localSecurity, notifications);
  }
}
