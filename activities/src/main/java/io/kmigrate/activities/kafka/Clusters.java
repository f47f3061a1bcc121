package io.kmigrate.activities.kafka;

import io.kmigrate.config.ClusterConfig;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The clusters this worker knows, by name, and a few shared Admin clients per cluster (Admin is
 * thread-safe; reconnecting per poll would cost more than the poll). Closing it closes them all.
 *
 * <p>Why more than one: a broker handles one request at a time per connection, and one Admin
 * holds one connection per broker. With a hundred migrations on a worker, every poll and check
 * queued behind the others on that one connection; calls timed out before they were sent, the
 * connection was dropped with all its calls, and preflights failed (`bench concurrent`).
 */
public final class Clusters implements AutoCloseable {
  private final Map<String, ClusterConfig> clusters;
  private final SecretResolver secrets;
  /** Admin clients per cluster, each with its own connections; calls take them in turn. */
  static final int ADMINS_PER_CLUSTER = 4;

  private final Map<String, List<Admin>> admins = new ConcurrentHashMap<>();
  private final AtomicInteger turn = new AtomicInteger();

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
    List<Admin> pool = admins.computeIfAbsent(name, n -> {
      config(n); // an unknown name fails here, before any client is made
      return IntStream.rangeClosed(1, ADMINS_PER_CLUSTER).mapToObj(i -> Admin.create(adminProperties(n, i))).toList();
    });
    return pool.get(Math.floorMod(turn.getAndIncrement(), pool.size()));
  }

  private Properties adminProperties(String name, int index) {
    Properties p = clientProperties(name);
    Map<String, Object> defaults = new HashMap<>();
    // Fail a call in seconds, not the default minute: preflight must report, not hang.
    defaults.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    defaults.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    defaults.put(AdminClientConfig.CLIENT_ID_CONFIG, "kmigrate-admin-" + name + "-" + index);
    defaults.forEach(p::putIfAbsent);
    return p;
  }

  @Override
  public void close() {
    admins.values().forEach(pool -> pool.forEach(a -> a.close(Duration.ofSeconds(5))));
    admins.clear();
  }
}
