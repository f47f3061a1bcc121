package io.kmigrate.demo;

import io.kmigrate.clients.RoutingConsumer;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer-group member that follows its route with kmigrate-clients' {@link RoutingConsumer}:
 * on a new route it commits, leaves the old cluster's group and joins the same group on the new
 * cluster; with no route, or a stopped one, it reads nothing. It uses {@code auto.offset.reset=latest}, so
 * it relies on kmigrate seeding the group on the target.
 */
public final class SampleConsumer implements Runnable {
  private final String name;
  private final RouteSource routes;
  private final String topic;
  private final String group;
  private final DeliveryLedger ledger;
  private final CountDownLatch assigned = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile String cluster = "?";
  private Map<String, String> clientProperties = Map.of();
  private boolean readCommitted;
  private String groupProtocol = "classic";

  public SampleConsumer(String name, RouteSource routes, String topic, String group, DeliveryLedger ledger) {
    this.name = name;
    this.routes = routes;
    this.topic = topic;
    this.group = group;
    this.ledger = ledger;
  }

  /** Reads with {@code isolation.level=read_committed}, as a transactional application's consumers do; call before {@link #run}. */
  public SampleConsumer readingCommitted() {
    this.readCommitted = true;
    return this;
  }

  /** Joins its group with {@code group.protocol} {@code protocol}: {@code classic}, or {@code consumer} (KIP-848); call before {@link #run}. */
  public SampleConsumer onGroupProtocol(String protocol) {
    this.groupProtocol = protocol;
    return this;
  }

  /**
   * Logs in with these client properties (SASL settings, say) on whichever cluster its route
   * names: the same user exists on both; call before {@link #run}.
   */
  public SampleConsumer withClientProperties(Map<String, String> properties) {
    this.clientProperties = Map.copyOf(properties);
    return this;
  }

  @Override
  public void run() {
    try (RoutingConsumer<String, String> consumer = new RoutingConsumer<>(configs())) {
      consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          // Resolve positions now: with "latest", a position fetched later could skip records
          // produced in between.
          partitions.forEach(consumer::position);
          if (!partitions.isEmpty()) {
            assigned.countDown();
          }
        }
      });
      try (AutoCloseable following = routes.follow(route -> {
        consumer.reroute(route);
        cluster = route.stopped() ? "stopped" : route.cluster();
      })) {
        while (running) {
          var records = consumer.poll(Duration.ofMillis(100));
          for (ConsumerRecord<String, String> r : records) {
            if (r.value().startsWith(TransactionalSends.ABORTED_VALUE_PREFIX)) {
              ledger.consumedAborted();
            } else {
              ledger.consumed(r.key(), Long.parseLong(r.value()));
            }
          }
          if (!records.isEmpty()) {
            // Positions move only with records: an empty poll has nothing to commit, and a hundred
            // apps committing ten times a second would load the brokers more than their traffic.
            consumer.commitSync();
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("sample consumer " + name + " failed: " + e.getMessage(), e);
    }
  }

  private Map<String, Object> configs() {
    Map<String, Object> p = new HashMap<>(clientProperties);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, groupProtocol);
    if (readCommitted) {
      p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }
    return p;
  }

  /** Blocks until the first partitions are assigned, so no record is produced before it listens. */
  public boolean awaitAssigned(Duration timeout) throws InterruptedException {
    return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public void stop() {
    running = false;
  }

  public String cluster() {
    return cluster;
  }
}
