package io.kmigrate.workflows;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.GateConfig;
import io.kmigrate.config.Gates;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.MirrorSettings;
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
    return plan(Scheme.PRODUCTION_FIRST, gates, waits);
  }

  /** Scheme mirror-then-switch, every topic mirrored (the plan has no mirror section). */
  static MigrationPlan mirrorPlan(Gates gates) {
    return mirrorPlan(gates, FAST_WAITS);
  }

  static MigrationPlan mirrorPlan(Gates gates, Waits waits) {
    return plan(Scheme.MIRROR_THEN_SWITCH, gates, waits);
  }

  /** Scheme production-first with the plan's mirror section on and no mirror.topics: every topic mirrored. */
  static MigrationPlan productionFirstMirrored(Gates gates) {
    return productionFirstMirrored(gates, FAST_WAITS);
  }

  static MigrationPlan productionFirstMirrored(Gates gates, Waits waits) {
    return withMirror(plan(gates, waits), MirrorSettings.allTopics());
  }

  /** Scheme production-first mirroring only {@code mirrored} of the plan's topics (mirror.topics). */
  static MigrationPlan productionFirstMirroring(List<String> mirrored, Gates gates) {
    return withMirror(plan(gates), new MirrorSettings(true, mirrored, null));
  }

  /** {@code plan} under another name (a campaign's units each need their own). */
  static MigrationPlan named(String name, MigrationPlan plan) {
    return new MigrationPlan(name, plan.scheme(), plan.source(), plan.target(), plan.topics(), plan.topicPattern(),
        plan.consumerGroups(), plan.clients(), plan.gates(), plan.waits(), plan.mirror());
  }

  /** {@code plan} with {@code mirror} as its mirror section. */
  static MigrationPlan withMirror(MigrationPlan plan, MirrorSettings mirror) {
    return new MigrationPlan(plan.name(), plan.scheme(), plan.source(), plan.target(), plan.topics(), plan.topicPattern(),
        plan.consumerGroups(), plan.clients(), plan.gates(), plan.waits(), mirror);
  }

  private static MigrationPlan plan(Scheme scheme, Gates gates, Waits waits) {
    return new MigrationPlan(
        NAME,
        scheme,
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
