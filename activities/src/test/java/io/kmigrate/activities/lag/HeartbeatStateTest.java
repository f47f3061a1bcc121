package io.kmigrate.activities.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.workflows.contract.GroupMembership;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.PartitionLag;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A retried wait resumes from its last heartbeat only if the state survives Temporal's data
 * converter exactly, nulls included.
 */
class HeartbeatStateTest {
  static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  static <T> T roundTrip(T value, Class<T> type) {
    return CONVERTER.fromPayloads(0, Optional.of(CONVERTER.toPayloads(value).orElseThrow()), type, type);
  }

  @Test
  void drainStateRoundTrips() {
    LagSnapshot snapshot = new LagSnapshot("2026-11-25T10:00:00Z", 1_764_064_800_000L,
        List.of(new PartitionLag("g", "orders", 3, -1, 5, 90, 85)), List.of(new GroupMembership("g", "EMPTY", 0)));
    DrainState state = new DrainState(List.of(new PartitionMotion("g", "orders", 3, -1, 1_764_064_790_000L)), 90, -1, snapshot);

    assertThat(roundTrip(state, DrainState.class)).isEqualTo(state);
    assertThat(roundTrip(DrainState.fresh(), DrainState.class)).isEqualTo(DrainState.fresh());
  }

  @Test
  void producerWatchRoundTripsBeforeAndAfterTheGrace() {
    ProducerWatch beforeGrace = new ProducerWatch(1L, Map.of("orders/0", 10L), Map.of("orders/0", 0L), Map.of("orders/0", 12L), 2L, null);
    ProducerWatch afterGrace = new ProducerWatch(1L, Map.of("orders/0", 10L), Map.of(), Map.of("orders/0", 12L), 2L, Map.of("orders/0", 12L));

    assertThat(roundTrip(beforeGrace, ProducerWatch.class)).isEqualTo(beforeGrace);
    assertThat(roundTrip(afterGrace, ProducerWatch.class)).isEqualTo(afterGrace);
  }

  @Test
  void consumerWatchRoundTrips() {
    ConsumerWatch watch = new ConsumerWatch(Map.of("billing", 1234L), -1);

    assertThat(roundTrip(watch, ConsumerWatch.class)).isEqualTo(watch);
  }
}
