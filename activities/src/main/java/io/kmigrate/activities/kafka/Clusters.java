package io.kmigrate.activities.kafka;

import io.kmigrate.config.ClusterConfig;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The clusters this worker knows, by name, and one shared Admin client per cluster (Admin is
 * thread-safe; reconnecting per poll would cost more than the poll). Closing it closes them all.
 */
public final class Clusters implements AutoCloseable {
  private final Map<String, ClusterConfig> clusters;
  private final SecretResolver secrets;
  private final Map<String, Admin> admins = new ConcurrentHashMap<>();

  public Clusters(Map<String, ClusterConfig> clusters, SecretResolver secrets) {
    this.clusters = Map.copyOf(clusters);
    this.secrets = secrets;
  }

  public Set<String> names() {
    return clusters.keySet();
  }

  public ClusterConfig config(String name) {
    ClusterConfig c = clusters.get(name);
    if (c == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "unknown cluster '" + name + "': this worker knows " + clusters.keySet(), "UnknownCluster");
    }
    return c;
  }

  /**
   * Resolves every cluster's secret references once, so a worker whose credentials are missing
   * refuses to start naming the cluster and the setting, instead of failing its first activity.
   */
  public void requireCredentials() {
    clusters.forEach((name, c) -> {
      try {
        secrets.resolve(c.properties());
      } catch (IllegalStateException e) {
        throw new IllegalStateException("cluster '" + name + "': " + e.getMessage(), e);
      }
    });
  }

  /** Client properties with secrets resolved: for Admin, producers and consumers alike. */
  public Properties clientProperties(String name) {
    ClusterConfig c = config(name);
    Properties p = new Properties();
    p.putAll(secrets.resolve(c.properties()));
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
    return p;
  }

  public Admin admin(String name) {
    return admins.computeIfAbsent(name, n -> Admin.create(adminProperties(n)));
  }

  private Properties adminProperties(String name) {
    Properties p = clientProperties(name);
    Map<String, Object> defaults = new HashMap<>();
    // Fail a call in seconds, not the default minute: preflight must report, not hang.
    defaults.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    defaults.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    defaults.put(AdminClientConfig.CLIENT_ID_CONFIG, "kmigrate-admin-" + name);
    defaults.forEach(p::putIfAbsent);
    return p;
  }

  @Override
  public void close() {
    admins.values().forEach(a -> a.close(java.time.Duration.ofSeconds(5)));
    admins.clear();
  }
}
