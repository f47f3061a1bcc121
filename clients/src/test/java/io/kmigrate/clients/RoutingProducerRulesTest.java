package io.kmigrate.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The routing producer's rules that need no broker, on Kafka's MockProducer (one per cluster): a
 * flush from a callback is refused as KafkaProducer refuses it, a warm-up that fails still moves,
 * a failed abort or a fatal commit does not leave a move waiting, an interrupted caller still gets a
 * whole move, a move between clusters waits a random time up to its spread while the old cluster
 * still takes the sends.
 */
class RoutingProducerRulesTest {
  final List<CountingMock> made = new CopyOnWriteArrayList<>();
  /** Producers made from now on interrupt the thread warming them, as a watcher closing would. */
  volatile boolean interruptWarmUps;

  /** A mock that counts its flushes (its own flushed() only says nothing is pending). */
  static final class CountingMock extends MockProducer<String, String> {
    final boolean interruptsWarmUp;
    volatile int flushes;

    CountingMock(boolean interruptsWarmUp) {
      super(true, null, new StringSerializer(), new StringSerializer());
      this.interruptsWarmUp = interruptsWarmUp;
    }

    @Override
    public List<org.apache.kafka.common.PartitionInfo> partitionsFor(String topic) {
      if (interruptsWarmUp) {
        Thread.currentThread().interrupt();
      }
      return super.partitionsFor(topic);
    }

    @Override
    public synchronized void flush() {
      flushes++;
      super.flush();
    }
  }

  RoutingProducer<String, String> producer(Map<String, Object> extra) {
    // No wait before a move unless a test is about it.
    Map<String, Object> config = new java.util.HashMap<>(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000, RoutingSettings.MOVE_SPREAD_MS, 0));
    config.putAll(extra);
    return new RoutingProducer<>(config, c -> {
      CountingMock p = new CountingMock(interruptWarmUps);
      made.add(p);
      return p;
    });
  }

  static Route route(String cluster, long version) {
    return new Route("app", cluster, cluster + ":9092", version);
  }

  @Test
  void aFlushFromASendCallbackIsRefusedAsKafkaProducerRefusesItInsteadOfWaitingForItself() {
    try (RoutingProducer<String, String> producer = producer(Map.of())) {
      producer.reroute(route("source", 1));
      AtomicReference<Exception> refused = new AtomicReference<>();
      producer.send(new ProducerRecord<>("t", "k", "v"), (meta, error) -> {
        try {
          producer.flush();
        } catch (KafkaException e) {
          refused.set(e);
        }
      });
      assertThat(refused.get()).hasMessageContaining("flush() inside a send callback");
      producer.flush(); // outside a callback it works
    }
  }

  @Test
  void aWarmUpThatFailsStillMovesAndTheSendsGoToTheNewCluster() {
    try (RoutingProducer<String, String> producer = producer(Map.of())) {
      producer.reroute(route("source", 1));
      producer.send(new ProducerRecord<>("t", "k", "1"));
      made.forEach(p -> p.partitionsForException = new TimeoutException("no metadata"));
      producer.reroute(route("target", 2));
      producer.send(new ProducerRecord<>("t", "k", "2"));

      assertThat(made).hasSize(2);
      assertThat(made.get(0).history()).extracting(ProducerRecord::value).containsExactly("1");
      assertThat(made.get(0).flushes).as("the old one flushed before the move").isEqualTo(1);
      assertThat(made.get(1).history()).extracting(ProducerRecord::value).containsExactly("2");
      assertThat(producer.route().cluster()).isEqualTo("target");
    }
  }

  @Test
  void aFailedAbortOrAFatalCommitEndsTheTransactionSoAMoveDoesNotWaitForIt() throws Exception {
    try (RoutingProducer<String, String> producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx"))) {
      producer.reroute(route("source", 1));
      producer.initTransactions();
      producer.beginTransaction();
      made.get(0).abortTransactionException = new KafkaException("the broker is gone");
      try {
        producer.abortTransaction();
      } catch (KafkaException expected) {
        // the application sees it; the transaction is over for the move
      }
      CompletableFuture.runAsync(() -> producer.reroute(route("target", 2))).get(5, TimeUnit.SECONDS);

      producer.beginTransaction();
      made.get(1).commitTransactionException = new ProducerFencedException("another instance took the id");
      try {
        producer.commitTransaction();
      } catch (ProducerFencedException expected) {
        // fatal: the application closes the producer
      }
      CompletableFuture.runAsync(() -> producer.reroute(route("third", 3))).get(5, TimeUnit.SECONDS);
      assertThat(producer.route().cluster()).isEqualTo("third");
    }
  }

  @Test
  void anInterruptedCallerStillGetsAWholeMoveAndKeepsItsInterrupt() {
    try (RoutingProducer<String, String> producer = producer(Map.of())) {
      producer.reroute(route("source", 1));
      producer.send(new ProducerRecord<>("t", "k", "1"));
      Thread.currentThread().interrupt(); // a watcher closing interrupts its thread
      producer.reroute(route("target", 2));
      assertThat(Thread.interrupted()).as("the interrupt is the caller's again").isTrue();
      assertThat(made.get(0).flushes).isEqualTo(1);
      assertThat(producer.route().cluster()).isEqualTo("target");
    }
  }

  @Test
  void anInterruptDuringTheWarmUpWithATransactionOpenStillLetsTheMoveWaitForItAndIsKept() throws Exception {
    try (RoutingProducer<String, String> producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx"))) {
      producer.reroute(route("source", 1));
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("t", "k", "1"));
      interruptWarmUps = true;
      CompletableFuture<Boolean> move = CompletableFuture.supplyAsync(() -> {
        producer.reroute(route("target", 2));
        return Thread.interrupted();
      });
      Thread.sleep(300);
      assertThat(move).as("waiting for the transaction, not failed by the interrupt").isNotDone();

      producer.commitTransaction();
      assertThat(move.get(5, TimeUnit.SECONDS)).as("the interrupt is the mover's again").isTrue();
      assertThat(producer.route().cluster()).isEqualTo("target");
    }
  }

  @Test
  void aMoveBetweenClustersFirstWaitsItsShareOfTheSpreadWhileTheOldClusterStillTakesTheSends() throws Exception {
    try (RoutingProducer<String, String> producer = producer(Map.of(RoutingSettings.MOVE_SPREAD_MS, 5_000))) {
      producer.pickSpreadWith(spread -> 1_000);
      producer.reroute(route("source", 1));
      CompletableFuture<Void> move = CompletableFuture.runAsync(() -> producer.reroute(route("target", 2)));
      Thread.sleep(200);
      producer.send(new ProducerRecord<>("t", "k", "during the wait"));
      move.get(5, TimeUnit.SECONDS);
      producer.send(new ProducerRecord<>("t", "k", "after"));

      assertThat(made.get(0).history()).extracting(ProducerRecord::value).containsExactly("during the wait");
      assertThat(made.get(1).history()).extracting(ProducerRecord::value).containsExactly("after");
      assertThat(producer.switches()).extracting(ProducerSwitch::spreadMs).satisfiesExactly(
          first -> assertThat(first).as("the first route: nowhere to send meanwhile, so no wait").isZero(),
          second -> assertThat(second).isBetween(990L, 3_000L));
    }
  }

  @Test
  void theWaitIsRandomAndAtMostTheSpread() {
    try (RoutingProducer<String, String> producer = producer(Map.of(RoutingSettings.MOVE_SPREAD_MS, 100))) {
      for (int v = 1; v <= 11; v++) {
        producer.reroute(route("cluster-" + v, v));
      }
      List<Long> waits = producer.switches().stream().skip(1).map(ProducerSwitch::spreadMs).toList();
      assertThat(waits).hasSize(10).allSatisfy(ms -> assertThat(ms).isBetween(0L, 100L + 150L));
      assertThat(waits.stream().mapToLong(Long::longValue).max().getAsLong() - waits.stream().mapToLong(Long::longValue).min().getAsLong())
          .as("spread over the range, not one fixed delay: %s", waits).isGreaterThan(10);
    }
  }

  @Test
  void aStopRouteAndTheRouteAfterItMoveAtOnceForSendsAreHeldThen() throws Exception {
    try (RoutingProducer<String, String> producer = producer(Map.of(RoutingSettings.MOVE_SPREAD_MS, 600_000))) {
      producer.pickSpreadWith(spread -> spread);
      producer.reroute(route("source", 1));
      CompletableFuture.runAsync(() -> producer.reroute(new Route("app", "target", "", 2))).get(5, TimeUnit.SECONDS);
      CompletableFuture.runAsync(() -> producer.reroute(route("target", 3))).get(5, TimeUnit.SECONDS);
      assertThat(producer.switches()).extracting(ProducerSwitch::spreadMs).containsOnly(0L);
      assertThat(producer.route().cluster()).isEqualTo("target");
    }
  }

  @Test
  void closingDuringTheWaitEndsItAndNothingMoves() throws Exception {
    RoutingProducer<String, String> producer = producer(Map.of(RoutingSettings.MOVE_SPREAD_MS, 600_000));
    CountDownLatch waiting = new CountDownLatch(1);
    producer.reroute(route("source", 1));
    producer.pickSpreadWith(spread -> {
      waiting.countDown();
      return spread;
    });
    CompletableFuture<Void> move = CompletableFuture.runAsync(() -> producer.reroute(route("target", 2)));
    assertThat(waiting.await(5, TimeUnit.SECONDS)).as("the move is in its wait").isTrue();
    CompletableFuture.runAsync(producer::close).get(5, TimeUnit.SECONDS);
    move.get(5, TimeUnit.SECONDS);
    assertThat(made).as("no producer made for the target").hasSize(1);
    assertThat(made.get(0).closed()).isTrue();
    assertThat(producer.switches()).hasSize(1);
  }
}
