package io.kmigrate.api.demo;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer-group member that follows its route: on a new route version it commits, leaves the
 * old cluster's group and joins the same group on the new cluster. It uses
 * {@code auto.offset.reset=latest}, so it relies on kmigrate seeding the group on the target.
 */
public final class SampleConsumer implements Runnable {
  private static final long ROUTE_CHECK_MS = 250;

  private final RouteClient routes;
  private final String topic;
  private final String group;
  private final DeliveryLedger ledger;
  private final CountDownLatch assigned = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile String cluster = "?";

  public SampleConsumer(RouteClient routes, String topic, String group, DeliveryLedger ledger) {
    this.routes = routes;
    this.topic = topic;
    this.group = group;
    this.ledger = ledger;
  }

  @Override
  public void run() {
    RouteClient.Route route = routes.fetch();
    KafkaConsumer<String, String> consumer = connect(route);
    long lastCheck = System.currentTimeMillis();
    try {
      while (running) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          ledger.consumed(r.key(), Long.parseLong(r.value()));
        }
        consumer.commitSync();
        if (System.currentTimeMillis() - lastCheck >= ROUTE_CHECK_MS) {
          lastCheck = System.currentTimeMillis();
          RouteClient.Route now = routes.fetch();
          if (now.version() != route.version()) {
            consumer.close();
            route = now;
            consumer = connect(route);
          }
        }
      }
    } finally {
      consumer.close();
    }
  }

  private KafkaConsumer<String, String> connect(RouteClient.Route route) {
    cluster = route.cluster();
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, route.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "demo-consumer");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
    c.subscribe(List.of(topic), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {}

      @Override
      public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
        // Resolve positions now: with "latest", a position fetched later could skip records
        // produced in between.
        partitions.forEach(c::position);
        if (!partitions.isEmpty()) {
          assigned.countDown();
        }
      }
    });
    return c;
  }

  /** Blocks until the first partitions are assigned, so no record is produced before it listens. */
  public boolean awaitAssigned(Duration timeout) throws InterruptedException {
    return assigned.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  public void stop() {
    running = false;
  }

  public String cluster() {
    return cluster;
  }
}
