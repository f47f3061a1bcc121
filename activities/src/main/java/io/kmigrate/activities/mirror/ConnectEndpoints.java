package io.kmigrate.activities.mirror;

import io.kmigrate.activities.kafka.Clusters;
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

  public ConnectEndpoints(Clusters clusters, Optional<URI> configured) {
    this.clusters = clusters;
    this.configured = configured;
  }

  /** Embedded Connect only: the demo, the tests and small setups. */
  public static ConnectEndpoints embedded(Clusters clusters) {
    return new ConnectEndpoints(clusters, Optional.empty());
  }

  public ConnectRest forTarget(String target) {
    URI url = configured.orElseGet(
        () -> embedded.computeIfAbsent(target, t -> EmbeddedConnect.start(clusters.clientProperties(t), "kmigrate-mirror-" + MirrorConnectors.alias(t))).url());
    return clients.computeIfAbsent(url, ConnectRest::new);
  }

  @Override
  public void close() {
    embedded.values().forEach(EmbeddedConnect::close);
    embedded.clear();
  }
}
