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
  void producersAsFastAsTheConsumersMeanNotDrainingAndLaterPollsAreSmoothed() {
    DrainRates rates = DrainRates.none().next(poll(0, 0, 1_000)).next(poll(1_000, 100, 1_100));
    assertThat(rates.eta().etaSeconds()).as("net rate 0").isNull();
    assertThat(rates.eta().describe()).endsWith("not draining");

    DrainEta smoothed = rates.next(poll(2_000, 300, 1_100)).eta();
    assertThat(smoothed.consumePerSec()).isEqualTo(0.3 * 200 + 0.7 * 100);
    assertThat(smoothed.producePerSec()).isEqualTo(0.7 * 100);
  }
}
