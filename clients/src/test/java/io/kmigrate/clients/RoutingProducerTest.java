package io.kmigrate.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The routing producer on the two local clusters: a move under load from four threads keeps every
 * key's records in order across the clusters and loses none; a stop route holds sends within its
 * limit, pushes back past it, and sends them in order on the next route; a move waits for the open
 * transaction; a watcher with auth drives it, and the API going down leaves it sending.
 */
@ExtendWith(SharedServer.class)
class RoutingProducerTest {

  /** Each key's values from the source, then the target: what a reader of both sees, in order. */
  static Map<String, List<String>> acrossBoth(String topic) {
    Map<String, List<String>> all = new ConcurrentHashMap<>();
    Brokers.valuesByKey(Brokers.source(1), topic).forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    Brokers.valuesByKey(Brokers.target(1), topic).forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    return all;
  }

  /**
   * Kafka producers that note, in one list, each cluster's first send and the old one's flush:
   * the order a move must keep (the clusters' own timing hides it, a local broker being quick).
   */
  static Function<Map<String, Object>, Producer<String, String>> noting(List<String> events) {
    return config -> {
      String cluster = config.get("bootstrap.servers").equals(Brokers.source(1).bootstrapServers()) ? "source" : "target";
      KafkaProducer<String, String> real = new KafkaProducer<>(config);
      AtomicBoolean sent = new AtomicBoolean();
      @SuppressWarnings("unchecked")
      Producer<String, String> noted = (Producer<String, String>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
          new Class<?>[] {Producer.class}, (proxy, method, args) -> {
            if (method.getName().equals("send") && !sent.getAndSet(true)) {
              events.add("first send to " + cluster);
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            } finally {
              if (method.getName().equals("flush")) {
                events.add("flushed " + cluster);
              }
            }
          });
      return noted;
    };
  }

  static List<String> sequence(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
  }

  @Test
  void aMoveUnderLoadKeepsEveryKeysRecordsInOrderAcrossTheClustersAndLosesNone() throws Exception {
    String topic = "rp.load";
    // The brokers stamp each record as they append it: the source's last of a key must come before the target's first.
    Brokers.createOnBoth(topic, 3, Map.of("message.timestamp.type", "LogAppendTime"));
    List<String> events = new CopyOnWriteArrayList<>();
    try (RoutingProducer<String, String> producer = new RoutingProducer<>(Brokers.producerConfigs(), noting(events))) {
      producer.reroute(Brokers.source(1));
      AtomicBoolean running = new AtomicBoolean(true);
      List<CompletableFuture<Integer>> senders = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String key = "key-" + t;
        senders.add(CompletableFuture.supplyAsync(() -> {
          List<Future<RecordMetadata>> sent = new ArrayList<>();
          int seq = 0;
          while (running.get()) {
            sent.add(producer.send(new ProducerRecord<>(topic, key, Integer.toString(++seq))));
            if (seq % 5 == 0) {
              sleep(1);
            }
          }
          for (Future<RecordMetadata> f : sent) {
            get(f);
          }
          return seq;
        }));
      }
      Thread.sleep(1_000);
      producer.reroute(Brokers.target(2));
      Thread.sleep(1_000);
      running.set(false);
      List<Integer> sent = new ArrayList<>();
      for (CompletableFuture<Integer> s : senders) {
        sent.add(s.get(30, TimeUnit.SECONDS)); // every send acknowledged
      }

      Map<String, List<String>> seen = acrossBoth(topic);
      Map<String, List<Long>> onSource = Brokers.timestampsByKey(Brokers.source(1), topic);
      Map<String, List<Long>> onTarget = Brokers.timestampsByKey(Brokers.target(1), topic);
      for (int t = 0; t < 4; t++) {
        String key = "key-" + t;
        assertThat(seen.get(key)).as(key + ": every send once, in order, source first").isEqualTo(sequence(1, sent.get(t)));
        assertThat(onSource.get(key)).as(key + " on the source").isNotEmpty();
        assertThat(onTarget.get(key)).as(key + " on the target").isNotEmpty();
        assertThat(onSource.get(key).get(onSource.get(key).size() - 1)).as(key + ": appended on the source before any on the target")
            .isLessThanOrEqualTo(onTarget.get(key).get(0));
      }
      assertThat(events).as("the source flushed before the target got a send")
          .containsSubsequence("first send to source", "flushed source", "first send to target");
      ProducerSwitch moved = producer.switches().get(producer.switches().size() - 1);
      assertThat(moved.from()).isEqualTo("source");
      assertThat(moved.to()).isEqualTo("target");
      assertThat(producer.route().cluster()).isEqualTo("target");
    }
  }

  @Test
  void aStopRouteHoldsSendsWithinItsLimitPushesBackPastItAndSendsThemInOrderOnTheNextRoute() throws Exception {
    String topic = "rp.fence";
    Brokers.createOnBoth(topic, 1);
    Map<String, Object> configs = Brokers.producerConfigs();
    configs.put(RoutingSettings.HOLD_MAX_RECORDS, 20);
    configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500);
    try (RoutingProducer<String, String> producer = new RoutingProducer<>(configs)) {
      producer.reroute(Brokers.source(1));
      get(producer.send(new ProducerRecord<>(topic, "k", "1")));
      producer.reroute(Brokers.stop(2));

      List<Future<RecordMetadata>> held = new ArrayList<>();
      for (int i = 2; i <= 21; i++) {
        held.add(producer.send(new ProducerRecord<>(topic, "k", Integer.toString(i))));
      }
      assertThat(held).noneMatch(Future::isDone);
      assertThat(producer.heldSends()).isEqualTo(20);

      AtomicReference<Exception> toldByCallback = new AtomicReference<>();
      long blocked = System.nanoTime();
      Future<RecordMetadata> overLimit = producer.send(new ProducerRecord<>(topic, "k", "over"), (m, e) -> toldByCallback.set(e));
      assertThat((System.nanoTime() - blocked) / 1e6).as("ms blocked, as max.block.ms says").isGreaterThanOrEqualTo(450);
      assertThatThrownBy(overLimit::get).hasCauseInstanceOf(TimeoutException.class).hasMessageContaining("max.block.ms");
      assertThat(toldByCallback.get()).isInstanceOf(TimeoutException.class);

      producer.reroute(Brokers.target(3));
      for (Future<RecordMetadata> f : held) {
        assertThat(get(f).topic()).isEqualTo(topic);
      }
      assertThat(Brokers.valuesByKey(Brokers.source(1), topic).get("k")).containsExactly("1");
      assertThat(Brokers.valuesByKey(Brokers.target(1), topic).get("k")).isEqualTo(sequence(2, 21));
      assertThat(producer.switches()).extracting(ProducerSwitch::to).containsExactly("source", null, "target");
      assertThat(producer.switches().get(2).heldSends()).isEqualTo(20);
    }
  }

  @Test
  void beforeItsFirstRouteItHoldsAndClosingFailsWhatItStillHolds() throws Exception {
    RoutingProducer<String, String> producer = new RoutingProducer<>(Brokers.producerConfigs());
    AtomicReference<Exception> told = new AtomicReference<>();
    Future<RecordMetadata> held = producer.send(new ProducerRecord<>("rp.never", "k", "v"), (m, e) -> told.set(e));
    assertThat(held.isDone()).isFalse();
    producer.close();
    assertThatThrownBy(held::get).hasCauseInstanceOf(KafkaException.class).hasMessageContaining("not sent");
    assertThat(told.get()).hasMessageContaining("no route yet");
    assertThatThrownBy(() -> producer.send(new ProducerRecord<>("rp.never", "k", "v"))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aMoveWaitsForTheOpenTransactionToEndOnTheClusterItBeganOn() throws Exception {
    String topic = "rp.tx";
    Brokers.createOnBoth(topic, 1);
    Map<String, Object> configs = Brokers.producerConfigs();
    configs.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "rp-tx");
    CountDownLatch targetReady = new CountDownLatch(2); // the source's producer, then the target's
    try (RoutingProducer<String, String> producer = new RoutingProducer<>(configs, c -> new KafkaProducer<String, String>(c) {
      @Override
      public void initTransactions() {
        super.initTransactions();
        targetReady.countDown();
      }
    })) {
      producer.reroute(Brokers.source(1));
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "in-tx-on-source"));

      CompletableFuture<Void> move = CompletableFuture.runAsync(() -> producer.reroute(Brokers.target(2)));
      assertThat(targetReady.await(30, TimeUnit.SECONDS)).as("the target's producer initialised its transactions").isTrue();
      Thread.sleep(300);
      assertThat(move).as("warm, and waiting for the transaction").isNotDone();
      producer.send(new ProducerRecord<>(topic, "k", "still-in-tx"));
      producer.commitTransaction();
      move.get(30, TimeUnit.SECONDS);

      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "on-target"));
      producer.commitTransaction();
    }
    assertThat(Brokers.valuesByKey(Brokers.source(1), topic).get("k")).containsExactly("in-tx-on-source", "still-in-tx");
    assertThat(Brokers.valuesByKey(Brokers.target(1), topic).get("k")).containsExactly("on-target");
  }

  @Test
  void followingItsRouteThroughTheApiWithATokenItKeepsSendingWhileTheApiIsDownAndMovesOnceItIsBack() throws Exception {
    String topic = "rp.watched";
    Brokers.createOnBoth(topic, 1);
    SharedServer.routes().point("rp-app", "source", Brokers.source(1).bootstrapServers());
    try (TcpRelay relay = new TcpRelay(SharedServer.port());
        RoutingProducer<String, String> producer = new RoutingProducer<>(Brokers.producerConfigs());
        RouteWatcher routes = RouteWatcher.start(RouteWatcher.Options.of("http://127.0.0.1:" + relay.port(), "rp-app")
            .withToken(ApiToken.fromFile(RouteWatcherTest.tokenFile("vera.rp", SharedServer.VIEWER))).withMaxBackoff(Duration.ofMillis(500)),
            producer::reroute)) {
      assertThat(routes.awaitRoute(Duration.ofSeconds(10))).isPresent();
      get(producer.send(new ProducerRecord<>(topic, "k", "1")));

      relay.pause();
      RouteWatcherTest.await(() -> routes.stats().failingFor() > 0, Duration.ofSeconds(15), "the watcher noticed the API gone");
      get(producer.send(new ProducerRecord<>(topic, "k", "2")));
      assertThat(producer.route().cluster()).isEqualTo("source");

      SharedServer.routes().point("rp-app", "target", Brokers.target(1).bootstrapServers());
      relay.resume();
      RouteWatcherTest.await(() -> "target".equals(producer.route().cluster()), Duration.ofSeconds(10), "moved once the API answered");
      get(producer.send(new ProducerRecord<>(topic, "k", "3")));
    }
    assertThat(Brokers.valuesByKey(Brokers.source(1), topic).get("k")).containsExactly("1", "2");
    assertThat(Brokers.valuesByKey(Brokers.target(1), topic).get("k")).containsExactly("3");
  }

  static RecordMetadata get(Future<RecordMetadata> f) {
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("a send failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
