package io.kmigrate.demo;

import io.kmigrate.clients.ProducerSwitch;
import io.kmigrate.clients.Route;
import io.kmigrate.clients.RoutingProducer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A keyed producer at a steady rate, each key with its own sequence, that follows its route with
 * kmigrate-clients' {@link RoutingProducer}: on a move it warms a producer on the new cluster,
 * flushes the old one, then sends there, so every record of a key on the old cluster is written
 * before any on the new one. It measures its own pauses from its acknowledgments: the longest gap
 * between two, and the gap across each route change (the cutover pause a reader of its records
 * would see), with how long sends were held.
 */
public final class SampleProducer implements Runnable {
  private final RouteSource routes;
  private final String topic;
  private final List<String> keys;
  private final int ratePerSec;
  private final DeliveryLedger ledger;
  private final SendGaps gaps = new SendGaps();
  private volatile boolean running = true;
  private volatile String cluster = "?";
  private boolean routed;
  private Map<String, String> clientProperties = Map.of();
  private boolean transactional;

  /** One producer writing {@code keys} keys, {@code key-0} to {@code key-(keys-1)}. */
  public SampleProducer(RouteSource routes, String topic, int keys, int ratePerSec, DeliveryLedger ledger) {
    this(routes, topic, IntStream.range(0, keys).mapToObj(k -> "key-" + k).toList(), ratePerSec, ledger);
  }

  /** A producer writing only {@code keys}: replicas of one client share no key, so each key keeps one writer and its order. */
  public SampleProducer(RouteSource routes, String topic, List<String> keys, int ratePerSec, DeliveryLedger ledger) {
    if (keys.isEmpty() || ratePerSec < 1) {
      throw new IllegalArgumentException("a sample producer needs at least one key and a rate of at least 1 msg/s");
    }
    this.routes = routes;
    this.topic = topic;
    this.keys = List.copyOf(keys);
    this.ratePerSec = ratePerSec;
    this.ledger = ledger;
  }

  /**
   * {@code replicas} producers of one client sharing {@code totalRate} msg/s and keys {@code key-0}
   * to {@code key-(keys-1)}, dealt round-robin (replica i writes keys i, i+replicas, ...).
   */
  public static List<SampleProducer> replicas(
      int replicas, RouteSource routes, String topic, int keys, int totalRate, DeliveryLedger ledger) {
    if (replicas < 1 || replicas > keys || totalRate < replicas) {
      throw new IllegalArgumentException(
          "producers must be between 1 and the number of keys (" + keys + ") and the rate at least one msg/s per producer");
    }
    List<SampleProducer> out = new ArrayList<>();
    for (int r = 0; r < replicas; r++) {
      int replica = r;
      List<String> own = IntStream.range(0, keys).filter(k -> k % replicas == replica).mapToObj(k -> "key-" + k).toList();
      // The rate is split so the replicas add up to totalRate exactly.
      int rate = totalRate / replicas + (r < totalRate % replicas ? 1 : 0);
      out.add(new SampleProducer(routes, topic, own, rate, ledger));
    }
    return out;
  }

  /**
   * Writes in transactions of ten records, aborting every tenth transaction (see
   * {@link TransactionalSends}); call before {@link #run}.
   */
  public SampleProducer inTransactions() {
    this.transactional = true;
    return this;
  }

  /**
   * Logs in with these client properties (SASL settings, say) on whichever cluster its route
   * names: the same user exists on both; call before {@link #run}.
   */
  public SampleProducer withClientProperties(Map<String, String> properties) {
    this.clientProperties = Map.copyOf(properties);
    return this;
  }

  @Override
  public void run() {
    Map<String, Long> seqs = new HashMap<>();
    Pacer pacer = new Pacer(ratePerSec, System.nanoTime());
    long n = 0;
    try (RoutingProducer<String, String> producer = new RoutingProducer<>(configs());
        AutoCloseable following = routes.follow(route -> follow(producer, route));
        Sends sends = transactional
            // Replicas write disjoint keys: the first names the replica's transactional id.
            ? new TransactionalSends(producer, topic, ledger, gaps, 10) : new PlainSends(producer, topic, ledger, gaps)) {
      while (running) {
        // A stopped route (a fence) holds the sends in the routing producer: they go out, in order, on the next route.
        for (long due = pacer.release(System.nanoTime()); due > 0 && running; due--) {
          String key = keys.get((int) (n++ % keys.size()));
          long seq = seqs.getOrDefault(key, 0L) + 1;
          if (sends.send(key, seq)) {
            seqs.put(key, seq);
          }
        }
        if (running) {
          pacer.awaitNext(); // up to 1/rate: a stopped producer does not wait it out
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("sample producer on " + topic + " failed: " + e.getMessage(), e);
    }
  }

  /** On the route watcher's thread: the routing producer moves, and the pause across it is measured from the acknowledgments. */
  private void follow(RoutingProducer<String, String> producer, Route route) {
    boolean change = routed;
    routed = true;
    if (change) {
      gaps.changing(System.nanoTime());
    }
    producer.reroute(route);
    if (change) {
      List<ProducerSwitch> moves = producer.switches();
      ProducerSwitch last = moves.isEmpty() ? null : moves.get(moves.size() - 1);
      boolean movedNow = last != null && last.toVersion() == route.version();
      gaps.changed(movedNow ? last.heldMs() : 0, movedNow ? last.spreadMs() : 0);
    }
    cluster = route.stopped() ? "holding" : route.cluster();
  }

  private Map<String, Object> configs() {
    Map<String, Object> p = new HashMap<>(clientProperties);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "demo-producer");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    if (transactional) {
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "demo-producer-" + keys.get(0));
    }
    return p;
  }

  public void stop() {
    running = false;
  }

  public String cluster() {
    return cluster;
  }

  public int ratePerSec() {
    return ratePerSec;
  }

  public List<String> keys() {
    return keys;
  }

  /** The longest time between two acknowledgments, route changes included. */
  public long maxPauseMs() {
    return gaps.maxMs();
  }

  /** For each route change, the longest gap in acknowledgments across it, and how long sends were held. */
  public List<SendGaps.Cutover> cutovers() {
    return gaps.cutovers();
  }
}
