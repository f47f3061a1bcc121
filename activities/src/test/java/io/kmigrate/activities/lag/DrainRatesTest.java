package io.kmigrate.activities.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.workflows.contract.DrainEta;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.PartitionLag;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A drain's rates and ETA, from what its polls saw. */
class DrainRatesTest {
  static LagSnapshot poll(long atMillis, long committed, long end) {
    return new LagSnapshot("t", atMillis, List.of(new PartitionLag("g", "orders", 0, committed, 0, end, end - committed)), List.of());
  }

  @Test
  void twoPollsGiveTheRatesAndTheSecondsUntilLagZeroAtTheNetRate() {
    DrainRates first = DrainRates.none().next(poll(10_000, 1_000, 3_000));
    assertThat(first.eta()).as("one poll: no rate yet").isNull();

    DrainEta eta = first.next(poll(12_000, 1_600, 3_200)).eta();

    assertThat(eta.consumePerSec()).isEqualTo(300.0);
    assertThat(eta.producePerSec()).isEqualTo(100.0);
    assertThat(eta.lag()).isEqualTo(1_600);
    assertThat(eta.etaSeconds()).isEqualTo(8);
    assertThat(eta.describe()).isEqualTo("lag 1600, consuming 300/s, producing 100/s: drained in about 8 s");
  }

  @Test
  void producersAsFastAsTheConsumersMeanNotDraining() {
    DrainRates rates = DrainRates.none().next(poll(0, 0, 1_000)).next(poll(1_000, 100, 1_100));
    assertThat(rates.eta().etaSeconds()).as("net rate 0").isNull();
    assertThat(rates.eta().describe()).endsWith("not draining");
  }

  @Test
  void consumersThatCommitInStepsGetASteadyRateOnceTheWindowIsFull() {
    // 300 records/s consumed, committed every 5 s (auto-commit), polled every second, nothing produced.
    DrainRates rates = DrainRates.none();
    long lag = 100_000;
    for (int second = 0; second <= 120; second++) {
      long committed = (second / 5) * 5 * 300L;
      rates = rates.next(poll(second * 1_000L, committed, lag));
      if (second >= DrainEta.RATE_WINDOW_SECONDS) {
        assertThat(rates.eta().consumePerSec()).as("at %d s", second).isBetween(300 * 0.83, 300 * 1.17);
      }
    }
    assertThat(rates.groups().get(0).window()).as("samples kept per group").hasSizeLessThanOrEqualTo(8);
    // The ETA from the measured rate: 100,000 - 36,000 committed, at about 300/s.
    assertThat(rates.eta().etaSeconds()).isBetween(200L, 230L);
  }
}
