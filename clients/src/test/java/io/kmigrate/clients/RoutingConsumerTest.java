package io.kmigrate.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmigrate.localstack.LocalTraffic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The routing consumer on the two local clusters: a move commits what was processed, leaves the
 * old cluster's group (its listener sees the revoke) and joins on the new one (then the assign),
 * reading from the group's commits there; a stop route pauses it until the next route.
 */
@ExtendWith(SharedServer.class)
class RoutingConsumerTest {

  /** What the application's rebalance listener saw, in order: "revoked [..]" and "assigned [..]". */
  static final class Recorded implements ConsumerRebalanceListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        events.add("revoked " + partitions.size());
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        events.add("assigned " + partitions.size());
      }
    }
  }

  static List<String> read(RoutingConsumer<String, String> consumer, int count) {
    List<String> values = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (values.size() < count && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
        values.add(r.value());
      }
    }
    assertThat(values).as("records read within 30 s").hasSize(count);
    return values;
  }

  /** What kmigrate does before it moves a group's route: the group's commits on the target, translated. */
  static void seedOnTarget(String group, String topic, int partitions) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> start = new java.util.HashMap<>();
    for (int p = 0; p < partitions; p++) {
      start.put(new TopicPartition(topic, p), new OffsetAndMetadata(0));
    }
    try (Admin admin = Brokers.admin(Brokers.target(1))) {
      admin.alterConsumerGroupOffsets(group, start).all().get();
    }
  }

  @Test
  void aMoveCommitsWhatWasProcessedLeavesTheGroupAndJoinsOnTheNewClusterWithARevokeThenAnAssign() throws Exception {
    String topic = "rc.move";
    Brokers.createOnBoth(topic, 2);
    LocalTraffic.produce(Brokers.source(1).bootstrapServers(), topic, 40);
    LocalTraffic.produce(Brokers.target(1).bootstrapServers(), topic, 25);
    seedOnTarget("rc-move", topic, 2);
    Recorded listener = new Recorded();
    try (RoutingConsumer<String, String> consumer = new RoutingConsumer<>(Brokers.consumerConfigs("rc-move"))) {
      consumer.subscribe(List.of(topic), listener);
      consumer.reroute(Brokers.source(1));
      read(consumer, 40);
      assertThat(Brokers.members(Brokers.source(1), "rc-move")).isEqualTo(1);

      consumer.reroute(Brokers.target(2));
      read(consumer, 25);

      assertThat(Brokers.committed(Brokers.source(1), "rc-move").values().stream().mapToLong(Long::longValue).sum())
          .as("committed on leaving the source: every record read there").isEqualTo(40);
      assertThat(Brokers.members(Brokers.source(1), "rc-move")).as("left the source's group").isZero();
      assertThat(Brokers.members(Brokers.target(1), "rc-move")).as("joined the target's").isEqualTo(1);
      assertThat(listener.events).containsExactly("assigned 2", "revoked 2", "assigned 2");
      assertThat(consumer.assignment()).hasSize(2);
      assertThat(consumer.switches()).extracting(ConsumerSwitch::to).containsExactly("source", "target");
    }
  }

  @Test
  void aStopRoutePausesItUntilTheNextRouteAndAWakeupStillReachesItsPoll() throws Exception {
    String topic = "rc.stop";
    Brokers.createOnBoth(topic, 1);
    LocalTraffic.produce(Brokers.source(1).bootstrapServers(), topic, 10);
    seedOnTarget("rc-stop", topic, 1);
    try (RoutingConsumer<String, String> consumer = new RoutingConsumer<>(Brokers.consumerConfigs("rc-stop"))) {
      consumer.subscribe(List.of(topic));
      assertThat(consumer.poll(Duration.ofMillis(200))).as("no route yet: nothing").isEmpty();
      consumer.reroute(Brokers.source(1));
      read(consumer, 10);

      consumer.reroute(Brokers.stop(2));
      LocalTraffic.produce(Brokers.target(1).bootstrapServers(), topic, 5);
      long polled = System.nanoTime();
      assertThat(consumer.poll(Duration.ofMillis(500))).isEmpty();
      assertThat((System.nanoTime() - polled) / 1e6).as("ms the empty poll waited").isGreaterThanOrEqualTo(450);
      assertThat(consumer.assignment()).isEmpty();
      assertThat(Brokers.members(Brokers.source(1), "rc-stop")).as("left the source's group").isZero();
      assertThat(Brokers.committed(Brokers.source(1), "rc-stop")).containsEntry(0, 10L);

      consumer.wakeup();
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(5))).isInstanceOf(WakeupException.class);

      consumer.reroute(Brokers.target(3));
      assertThat(read(consumer, 5)).hasSize(5);
      assertThat(consumer.route().cluster()).isEqualTo("target");
    }
  }

  /** docs/clients.md's example, auth on: both clients follow their routes through the API across a move. */
  @Test
  void followingTheirRoutesThroughTheApiAProducerAndAConsumerMoveTogetherAndNothingIsLostOrReadTwice() throws Exception {
    String topic = "rc.docs";
    Brokers.createOnBoth(topic, 2);
    seedOnTarget("rc-docs", topic, 2);
    SharedServer.routes().point("rc-docs-producer", "source", Brokers.source(1).bootstrapServers());
    SharedServer.routes().point("rc-docs-consumer", "source", Brokers.source(1).bootstrapServers());
    java.nio.file.Path token = RouteWatcherTest.tokenFile("vera.docs", SharedServer.VIEWER);
    try (RoutingProducer<String, String> producer = RoutingProducer.following(Brokers.producerConfigs(),
            RouteWatcher.Options.of(SharedServer.api(), "rc-docs-producer").withToken(ApiToken.fromFile(token)));
        RoutingConsumer<String, String> consumer = RoutingConsumer.following(Brokers.consumerConfigs("rc-docs"),
            RouteWatcher.Options.of(SharedServer.api(), "rc-docs-consumer").withToken(ApiToken.fromFile(token)))) {
      consumer.subscribe(List.of(topic));
      for (int i = 1; i <= 20; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + (i % 4), "s" + i));
      }
      assertThat(read(consumer, 20)).hasSize(20);

      SharedServer.routes().point("rc-docs-producer", "target", Brokers.target(1).bootstrapServers());
      SharedServer.routes().point("rc-docs-consumer", "target", Brokers.target(1).bootstrapServers());
      RouteWatcherTest.await(() -> producer.route() != null && "target".equals(producer.route().cluster()), Duration.ofSeconds(10),
          "the producer moved");
      for (int i = 21; i <= 40; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + (i % 4), "t" + i));
      }
      List<String> after = read(consumer, 20);
      assertThat(after).allMatch(v -> v.startsWith("t"));
      assertThat(consumer.route().cluster()).isEqualTo("target");
      assertThat(consumer.poll(Duration.ofMillis(500))).as("nothing read twice").isEmpty();
    }
  }
}
