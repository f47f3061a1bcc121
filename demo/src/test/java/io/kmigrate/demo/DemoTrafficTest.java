package io.kmigrate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmigrate.clients.Route;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's traffic bookkeeping: the ledger, the producer replicas and their pauses. */
class DemoTrafficTest {
  private static final RouteSource NO_ROUTE = listener -> {
    listener.accept(new Route("app", "source", "127.0.0.1:1", 1));
    return () -> { };
  };

  @Test
  void theLedgerCountsExactlyWhileProducersAndAConsumerWriteAtOnce() throws InterruptedException {
    DeliveryLedger ledger = new DeliveryLedger();
    int producers = 8;
    int perKey = 20_000;
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      String key = "key-" + p;
      threads.add(new Thread(() -> {
        for (long seq = 1; seq <= perKey; seq++) {
          ledger.acknowledged(key, seq);
        }
      }));
    }
    threads.add(new Thread(() -> { // reads every key as the producers write, each key in order
      for (long seq = 1; seq <= perKey; seq++) {
        for (int p = 0; p < producers; p++) {
          ledger.consumed("key-" + p, seq);
        }
      }
    }));
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(ledger.produced()).isEqualTo((long) producers * perKey);
    assertThat(ledger.consumed()).isEqualTo((long) producers * perKey);
    assertThat(ledger.lost()).isZero();
    assertThat(ledger.duplicates()).isZero();
    assertThat(ledger.outOfOrder()).isZero();
  }

  @Test
  void theLedgerCountsLostDuplicatedAndReorderedRecordsPerKey() {
    DeliveryLedger ledger = new DeliveryLedger();
    for (long seq = 1; seq <= 5; seq++) {
      ledger.acknowledged("a", seq);
    }
    ledger.acknowledged("b", 1);
    ledger.acknowledged("a", 5); // an acknowledgement seen twice is still one record
    ledger.consumed("a", 1);
    ledger.consumed("a", 3);
    ledger.consumed("a", 2); // after 3: out of order
    ledger.consumed("a", 3); // again: a duplicate
    ledger.consumed("b", 1);

    assertThat(ledger.produced()).isEqualTo(6);
    assertThat(ledger.consumed()).isEqualTo(5);
    assertThat(ledger.lost()).as("a:4 and a:5").isEqualTo(2);
    assertThat(ledger.duplicates()).isEqualTo(1);
    assertThat(ledger.outOfOrder()).isEqualTo(1);
  }

  @Test
  void aSecondGroupReadingTheSameTopicKeepsItsOwnAccountOfTheSameSends() {
    DeliveryLedger billing = new DeliveryLedger();
    DeliveryLedger shipping = billing.anotherGroup();
    billing.acknowledged("a", 1);
    billing.acknowledged("a", 2);
    billing.consumed("a", 1);
    billing.consumed("a", 2);
    shipping.consumed("a", 2);

    assertThat(shipping.produced()).isEqualTo(2);
    assertThat(billing.lost()).isZero();
    assertThat(shipping.lost()).as("shipping never read a:1").isEqualTo(1);
    assertThat(shipping.outOfOrder()).isZero();
  }

  @Test
  void replicasShareTheRateExactlyAndNoKey() {
    List<SampleProducer> replicas = SampleProducer.replicas(3, NO_ROUTE, "t", 12, 1000, new DeliveryLedger());
    assertThat(replicas).hasSize(3);
    assertThat(replicas.stream().mapToInt(SampleProducer::ratePerSec).sum()).isEqualTo(1000);
    List<String> keys = new ArrayList<>();
    replicas.forEach(r -> keys.addAll(r.keys()));
    assertThat(keys).hasSize(12).doesNotHaveDuplicates();
    assertThat(replicas.get(1).keys()).containsExactly("key-1", "key-4", "key-7", "key-10");
  }

  @Test
  void moreReplicasThanKeysOrThanMessagesPerSecondAreRefused() {
    assertThatThrownBy(() -> SampleProducer.replicas(13, NO_ROUTE, "t", 12, 1000, new DeliveryLedger()))
        .hasMessageContaining("producers must be between 1 and the number of keys (12)");
    assertThatThrownBy(() -> SampleProducer.replicas(4, NO_ROUTE, "t", 12, 3, new DeliveryLedger()))
        .hasMessageContaining("at least one msg/s per producer");
  }

  @Test
  void aPauseIsTheLongestGapInAcknowledgmentsAcrossARouteChangeAndTheLongestGapIsKept() {
    SendGaps gaps = new SendGaps();
    gaps.acked(ms(0));
    gaps.acked(ms(5));
    gaps.acked(ms(400)); // a slow acknowledgment, no route change: the longest gap so far, not a cutover
    gaps.changing(ms(405));
    gaps.acked(ms(410)); // the old cluster still acknowledges while the new producer warms up
    gaps.changed(30, 0);
    gaps.acked(ms(520)); // the new cluster's first
    gaps.acked(ms(521));
    gaps.changing(ms(521)); // a fence: stopped, then the new route, one change
    gaps.changed(40, 0);
    gaps.changing(ms(1_000));
    gaps.changed(0, 0);
    gaps.acked(ms(1_300));
    gaps.changing(ms(1_300));
    gaps.acked(ms(1_500)); // the new cluster acknowledged before the move had returned
    gaps.changed(5, 0);
    gaps.acked(ms(1_501));

    assertThat(gaps.cutovers()).containsExactly(
        new SendGaps.Cutover(110, 110, 30), new SendGaps.Cutover(779, 779, 40), new SendGaps.Cutover(200, 200, 5));
    assertThat(gaps.maxMs()).isEqualTo(779);
  }

  @Test
  void aGapDuringTheSpreadWaitBeforeTheMoveBeganIsNotTheMovesButIsKeptCountedFromTheRoutesArrival() {
    SendGaps gaps = new SendGaps();
    gaps.acked(ms(0));
    gaps.changing(ms(10)); // the route arrives; the producer waits 500 ms, still sending to the old cluster
    gaps.acked(ms(50));
    gaps.acked(ms(350)); // a 300 ms gap on the old cluster, wholly before the move began at 510
    gaps.acked(ms(480));
    gaps.acked(ms(560)); // 80 ms, of which 50 after the move began
    gaps.changed(20, 500);
    gaps.acked(ms(620)); // the new cluster's first: 60 ms after the last
    gaps.acked(ms(700));

    assertThat(gaps.cutovers()).containsExactly(new SendGaps.Cutover(60, 300, 20));
    assertThat(gaps.maxMs()).isEqualTo(300);
  }

  @Test
  void aGapThatSpansTheMovesStartCountsFromIt() {
    SendGaps gaps = new SendGaps();
    gaps.acked(ms(0));
    gaps.changing(ms(0));
    gaps.acked(ms(100));
    gaps.acked(ms(400)); // 300 ms, 250 of them after the move began at 150
    gaps.changed(10, 150);
    gaps.acked(ms(420));

    assertThat(gaps.cutovers()).containsExactly(new SendGaps.Cutover(250, 300, 10));
  }

  @Test
  void theCutoverPauseReportsNearestRankPercentiles() {
    List<SendGaps.Cutover> cutovers = new ArrayList<>();
    for (long p = 1; p <= 200; p++) {
      cutovers.add(new SendGaps.Cutover(201 - p, 401 - p, p % 7));
    }
    DemoReport.CutoverPause pause = DemoReport.CutoverPause.of(8, 10_000, cutovers);
    assertThat(pause.p50Ms()).isEqualTo(100);
    assertThat(pause.p99Ms()).isEqualTo(198);
    assertThat(pause.maxMs()).isEqualTo(200);
    assertThat(pause.heldMsMax()).isEqualTo(6);
    assertThat(pause.sinceRouteP99Ms()).isEqualTo(398);
    assertThat(pause.cutovers().get(0).pauseMs()).isEqualTo(1);
    assertThat(DemoReport.CutoverPause.of(1, 200, List.of()).p99Ms()).isZero();
  }

  private static long ms(long ms) {
    return ms * 1_000_000;
  }
}
