package io.kmigrate.api.demo;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A keyed producer at a steady rate, each key with its own sequence, that follows its route: when
 * the route's version changes it flushes, closes and reconnects to the new cluster, so every
 * record of a key on the old cluster is written before any on the new one.
 */
public final class SampleProducer implements Runnable {
  private static final long ROUTE_CHECK_MS = 250;

  private final RouteSource routes;
  private final String topic;
  private final int keys;
  private final int ratePerSec;
  private final DeliveryLedger ledger;
  private volatile boolean running = true;
  private volatile String cluster = "?";

  public SampleProducer(RouteSource routes, String topic, int keys, int ratePerSec, DeliveryLedger ledger) {
    this.routes = routes;
    this.topic = topic;
    this.keys = keys;
    this.ratePerSec = ratePerSec;
    this.ledger = ledger;
  }

  @Override
  public void run() {
    Map<String, Long> seqs = new HashMap<>();
    RouteClient.Route route = routes.fetch();
    KafkaProducer<String, String> producer = route.stopped() ? null : connect(route);
    long lastCheck = System.currentTimeMillis();
    long intervalNanos = 1_000_000_000L / ratePerSec;
    long next = System.nanoTime();
    long n = 0;
    try {
      while (running) {
        if (System.currentTimeMillis() - lastCheck >= ROUTE_CHECK_MS) {
          lastCheck = System.currentTimeMillis();
          RouteClient.Route now = routes.fetch();
          if (now.version() != route.version()) {
            if (producer != null) {
              producer.flush();
              producer.close();
            }
            route = now;
            producer = route.stopped() ? null : connect(route);
            cluster = route.stopped() ? "holding" : route.cluster();
          }
        }
        if (producer == null) {
          // A stopped route (a fence) means hold: send nothing, keep the sequence, wait for a route.
          Thread.sleep(20);
          next = System.nanoTime();
          continue;
        }
        String key = "key-" + (n++ % keys);
        long seq = seqs.merge(key, 1L, Long::sum);
        ledger.sent(System.currentTimeMillis());
        producer.send(new ProducerRecord<>(topic, key, Long.toString(seq)), (meta, error) -> {
          if (error == null) {
            ledger.acknowledged(key, seq);
          }
        });
        next += intervalNanos;
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (producer != null) {
        producer.flush();
        producer.close();
      }
    }
  }

  private KafkaProducer<String, String> connect(RouteClient.Route route) {
    cluster = route.cluster();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, route.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "demo-producer");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  public void stop() {
    running = false;
  }

  public String cluster() {
    return cluster;
  }
}
