package io.kmigrate.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test fixture: a valid plan that each test bends in one way. */
final class Plans {
  static final java.util.Set<String> KNOWN_CLUSTERS = java.util.Set.of("source", "target");

  String name = "orders-move";
  Scheme scheme = Scheme.PRODUCTION_FIRST;
  String source = "source";
  String target = "target";
  List<String> topics = new ArrayList<>(List.of("orders", "payments"));
  String topicPattern;
  List<String> consumerGroups = new ArrayList<>(List.of("orders-consumer"));
  List<ClientGroup> clients =
      new ArrayList<>(
          List.of(
              producer("orders-producer"),
              consumer("orders-consumer-app", "orders-consumer")));
  Gates gates = Gates.defaults();
  Waits waits =
      new Waits(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(2));
  MirrorSettings mirror;

  static Plans valid() {
    return new Plans();
  }

  static ClientGroup producer(String name) {
    return new ClientGroup(name, ClientRole.PRODUCER, RepointStrategy.ROUTING, null);
  }

  static ClientGroup consumer(String name, String group) {
    return new ClientGroup(name, ClientRole.CONSUMER, RepointStrategy.ROUTING, group);
  }

  Plans scheme(Scheme scheme) {
    this.scheme = scheme;
    return this;
  }

  Plans topics(String... topics) {
    this.topics = topics == null ? null : new ArrayList<>(List.of(topics));
    return this;
  }

  Plans noTopics() {
    this.topics = null;
    return this;
  }

  Plans topicPattern(String pattern) {
    this.topicPattern = pattern;
    return this;
  }

  Plans source(String source) {
    this.source = source;
    return this;
  }

  Plans target(String target) {
    this.target = target;
    return this;
  }

  Plans consumerGroups(String... groups) {
    this.consumerGroups = new ArrayList<>(List.of(groups));
    return this;
  }

  Plans clients(ClientGroup... clients) {
    this.clients = new ArrayList<>(List.of(clients));
    return this;
  }

  Plans gates(Gates gates) {
    this.gates = gates;
    return this;
  }

  Plans waits(Duration pollInterval, Duration stableFor, Duration maxWait, Duration stallAfter) {
    this.waits = new Waits(pollInterval, stableFor, maxWait, stallAfter);
    return this;
  }

  Plans mirror(MirrorSettings mirror) {
    this.mirror = mirror;
    return this;
  }

  MigrationPlan build() {
    return new MigrationPlan(
        name, scheme, source, target, topics, topicPattern, consumerGroups, clients, gates, waits, mirror);
  }
}
