package io.kmigrate.activities.mirror;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect worker in distributed mode inside this JVM, running MirrorMaker 2's
 * connectors for the demo, the tests and small setups with one kmigrate worker (several workers
 * need a Connect cluster of their own: {@code connect.url}). It keeps its state in topics on the
 * target cluster, so a restarted worker resumes the copy where it stopped; its REST API listens
 * on a free loopback port and is driven exactly like a production Connect cluster.
 */
public final class EmbeddedConnect implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedConnect.class);
  private final Connect<DistributedHerder> connect;

  private EmbeddedConnect(Connect<DistributedHerder> connect) {
    this.connect = connect;
  }

  /**
   * @param target resolved client properties of the cluster that holds Connect's own topics
   * @param groupId the Connect cluster's group id; workers with the same id share the connectors
   */
  // synchronized: Connect's exit procedure, replaced while it starts, is global.
  public static synchronized EmbeddedConnect start(Properties target, String groupId) {
    Map<String, String> props = workerConfig(target, groupId, "http://127.0.0.1:0");
    // Connect calls Exit.exit on a failed start; in a worker process that must be an exception.
    Exit.setExitProcedure((code, message) -> {
      throw new IllegalStateException("embedded Kafka Connect failed to start (exit " + code + "): " + message);
    });
    try {
      Connect<DistributedHerder> connect = new ConnectDistributed().startConnect(props);
      log.info("embedded Kafka Connect {} listening on {}", groupId, connect.rest().serverUrl());
      return new EmbeddedConnect(connect);
    } finally {
      Exit.resetExitProcedure();
    }
  }

  /**
   * A Connect worker's configuration for MirrorMaker 2, its state on the target cluster; also
   * what a local Connect worker in its own process is started with.
   */
  public static Map<String, String> workerConfig(Properties target, String groupId, String listener) {
    Map<String, String> props = new HashMap<>();
    // The worker's own clients and the ones it gives tasks all talk to the target (TLS, SASL alike).
    target.forEach((k, v) -> {
      for (String prefix : List.of("", "producer.", "consumer.", "admin.")) {
        props.put(prefix + k, String.valueOf(v));
      }
    });
    props.put("group.id", groupId);
    props.put("config.storage.topic", groupId + "-configs");
    props.put("offset.storage.topic", groupId + "-offsets");
    props.put("status.storage.topic", groupId + "-status");
    // -1: the broker's default replication factor, which fits any cluster size.
    props.put("config.storage.replication.factor", "-1");
    props.put("offset.storage.replication.factor", "-1");
    props.put("status.storage.replication.factor", "-1");
    props.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    // The mirror's position is what the caught-up waits read: commit it every second.
    props.put("offset.flush.interval.ms", "1000");
    props.put("listeners", listener);
    props.put("rest.advertised.host.name", "127.0.0.1");
    // Connectors come from the classpath's service manifests: no plugin.path scan at start.
    props.put("plugin.discovery", "service_load");
    // A restarted worker takes its tasks back at once instead of after five minutes.
    props.put("scheduled.rebalance.max.delay.ms", "0");
    // The copy's producer settings come with the connector (producer.override.*).
    props.put("connector.client.config.override.policy", "All");
    return props;
  }

  public URI url() {
    return connect.rest().serverUrl();
  }

  @Override
  public void close() {
    connect.stop();
    connect.awaitStop();
  }
}
