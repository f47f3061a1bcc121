package io.kmigrate.workflows;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.GateConfig;
import io.kmigrate.config.Gates;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.RepointStrategy;
import io.kmigrate.config.Scheme;
import io.kmigrate.config.Waits;
import java.time.Duration;
import java.util.List;

/** Plans for the workflow tests: one producer, one consumer, one group, two topics. */
final class TestPlans {
  static final String NAME = "orders-move";
  static final String PRODUCER = "orders-producer";
  static final String CONSUMER = "orders-consumer-app";
  static final String GROUP = "orders-consumer";
  static final List<String> TOPICS = List.of("orders", "payments");

  /** Fast polls; waits would only matter to real activities, the fakes answer at once. */
  static final Waits FAST_WAITS =
      new Waits(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofSeconds(2));

  static final GateConfig NOT_REQUIRED = new GateConfig(false, null, null);
  static final Gates NO_GATES = new Gates(NOT_REQUIRED, NOT_REQUIRED, NOT_REQUIRED);

  private TestPlans() {}

  /** Both cutover gates required, no gate timeouts. */
  static MigrationPlan plan() {
    return plan(Gates.defaults(), FAST_WAITS);
  }

  static MigrationPlan plan(Gates gates) {
    return plan(gates, FAST_WAITS);
  }

  static MigrationPlan plan(Gates gates, Waits waits) {
    return new MigrationPlan(
        NAME,
        Scheme.PRODUCTION_FIRST,
        "source",
        "target",
        TOPICS,
        null,
        List.of(GROUP),
        List.of(
            new ClientGroup(PRODUCER, ClientRole.PRODUCER, RepointStrategy.ROUTING, null),
            new ClientGroup(CONSUMER, ClientRole.CONSUMER, RepointStrategy.ROUTING, GROUP)),
        gates,
        waits);
  }

  static Waits waits(Duration pollInterval, Duration maxWait) {
    return new Waits(pollInterval, pollInterval, maxWait, pollInterval.multipliedBy(2));
  }
}
