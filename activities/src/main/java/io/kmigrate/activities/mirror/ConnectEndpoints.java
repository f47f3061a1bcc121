package io.kmigrate.activities.mirror;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.config.outbound.OwnPorts;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each migration's MirrorMaker connectors run. With a Connect URL configured, the user's
 * Kafka Connect cluster (production); without, a Connect worker embedded in this process,
 * started on first use per target cluster and stopped with the worker.
 */
public final class ConnectEndpoints implements AutoCloseable {
  private final Clusters clusters;
  private final Optional<URI> configured;
  private final Map<String, EmbeddedConnect> embedded = new ConcurrentHashMap<>();
  // One client per Connect: each HttpClient holds a selector thread.
  private final Map<URI, ConnectRest> clients = new ConcurrentHashMap<>();
  private final OwnPorts ownPorts;

  public ConnectEndpoints(Clusters clusters, Optional<URI> configured) {
    this(clusters, configured, new OwnPorts());
  }

  /** @param ownPorts told the REST port of each embedded Connect worker once it listens, so no webhook can call it */
  public ConnectEndpoints(Clusters clusters, Optional<URI> configured, OwnPorts ownPorts) {
    this.clusters = clusters;
    this.configured = configured;
    this.ownPorts = ownPorts;
  }

  /** Embedded Connect only: the demo, the tests and small setups. */
  public static ConnectEndpoints embedded(Clusters clusters) {
    return new ConnectEndpoints(clusters, Optional.empty());
  }

  /**
   * How many copy tasks MirrorMaker gets for {@code partitions} source partitions: one per
   * partition, at most 4. On the embedded worker also at most one per two cores of this process:
   * a task keeps two threads busy (its own, which converts and sends every record, and its
   * producer's, which runs a callback per record), so more tasks than that only contend with
   * each other and with the worker (bench mirror, 8 partitions on 2 cores: 1 task copied 1.2-1.5x as fast as 4).
   */
  public int copyTasks(int partitions) {
    return copyTasks(partitions, configured.isEmpty(), Runtime.getRuntime().availableProcessors());
  }

  static int copyTasks(int partitions, boolean embedded, int cores) {
    int tasks = Math.min(4, partitions);
    if (embedded) {
      tasks = Math.min(tasks, cores / 2);
    }
    return Math.max(1, tasks);
  }

  public ConnectRest forTarget(String target) {
    URI url = configured.orElseGet(() -> embedded.computeIfAbsent(target, t -> {
      EmbeddedConnect connect = EmbeddedConnect.start(clusters.clientProperties(t), "kmigrate-mirror-" + MirrorConnectors.alias(t));
      ownPorts.add(connect.url().getPort());
      return connect;
    }).url());
    return clients.computeIfAbsent(url, ConnectRest::new);
  }

  @Override
  public void close() {
    embedded.values().forEach(EmbeddedConnect::close);
    embedded.clear();
  }
}
