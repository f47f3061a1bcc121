package io.kmigrate.activities.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DiskNeedTest {
  @Test
  void theSameReplicationFactorNeedsWhatTheSourceStores() {
    DiskNeed need = new DiskNeed(Map.of("orders", 3_000L), Map.of("orders", 3), Map.of());

    assertThat(need.bytes()).isEqualTo(3_000);
  }

  @Test
  void goingFromOneToThreeReplicasNeedsThreeTimesWhatTheSourceStores() {
    DiskNeed need = new DiskNeed(Map.of("orders", 1_000L, "payments", 500L), Map.of("orders", 1, "payments", 1), Map.of("orders", 3));

    assertThat(need.bytes("orders")).isEqualTo(3_000);
    assertThat(need.bytes("payments")).as("created like the source's").isEqualTo(500);
    assertThat(need.bytes()).isEqualTo(3_500);
  }

  @Test
  void aTargetWithLessUsableSpaceIsAShortfallGivingTheFigures() {
    DiskNeed need = new DiskNeed(Map.of("orders", 1_000L), Map.of("orders", 1), Map.of("orders", 3));

    assertThat(need.shortfall("target", 2_999)).hasValue(
        "target target reports 2999 usable bytes, the topics need 3000 (orders 1000 B on source x RF 3 / RF 1 = 3000 B)");
    assertThat(need.shortfall("target", 3_000)).isEmpty();
  }

  @Test
  void aTargetThatDoesNotReportItsSpaceIsNotAShortfall() {
    DiskNeed need = new DiskNeed(Map.of("orders", 1_000L), Map.of("orders", 1), Map.of());

    assertThat(need.shortfall("msk", -1)).isEmpty();
  }
}
