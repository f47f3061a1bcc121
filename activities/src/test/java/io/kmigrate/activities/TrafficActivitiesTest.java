package io.kmigrate.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.lag.DrainState;
import io.kmigrate.localstack.LocalStack;
import io.kmigrate.localstack.LocalTraffic;
import io.kmigrate.localstack.SharedStack;
import io.kmigrate.workflows.contract.ConsumersJoinedRequest;
import io.kmigrate.workflows.contract.ConsumersJoinedResult;
import io.kmigrate.workflows.contract.ConsumersMovedRequest;
import io.kmigrate.workflows.contract.ConsumersMovedResult;
import io.kmigrate.workflows.contract.DrainRequest;
import io.kmigrate.workflows.contract.DrainResult;
import io.kmigrate.workflows.contract.GroupStatus;
import io.kmigrate.workflows.contract.ProducersMovedRequest;
import io.kmigrate.workflows.contract.ProducersMovedResult;
import io.kmigrate.workflows.contract.TrafficActivities;
import io.kmigrate.workflows.contract.WaitSettings;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The heartbeating waits, judged from real traffic on two local brokers. */
class TrafficActivitiesTest {
  static final WaitSettings FAST = new WaitSettings(200, 1000, 1500);
  static LocalStack stack;
  static Clusters clusters;
  TestActivityEnvironment env;
  TrafficActivities traffic;

  @BeforeAll
  static void startStack() throws Exception {
    stack = SharedStack.stack();
    clusters = LocalClusters.shared();
  }

  @BeforeEach
  void activityEnvironment() {
    env = TestActivityEnvironment.newInstance();
    traffic = LocalClusters.trafficStub(env, clusters, Duration.ofSeconds(30));
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  static void topicOnBoth(String topic) throws Exception {
    LocalTraffic.createTopic(clusters.admin("source"), topic, 2, Map.of());
    LocalTraffic.createTopic(clusters.admin("target"), topic, 2, Map.of());
  }

  /** Writes to {@code servers} every 50 ms until stopped. */
  static Thread steadyProducer(String servers, String topic, AtomicBoolean running) {
    Thread t = new Thread(() -> {
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
        int i = 0;
        while (running.get()) {
          producer.send(new ProducerRecord<>(topic, "k" + (i % 4), "v" + i++));
          producer.flush();
          Thread.sleep(50);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    t.start();
    return t;
  }

  @Test
  void producersHaveMovedWhenTheSourceStopsAndTheTargetAdvances() throws Exception {
    topicOnBoth("moved.t");
    AtomicBoolean onSource = new AtomicBoolean(true);
    AtomicBoolean onTarget = new AtomicBoolean(true);
    Thread source = steadyProducer(stack.source().bootstrapServers(), "moved.t", onSource);
    Thread.sleep(500);
    onSource.set(false); // the producer "switched": it now writes to the target only
    source.join();
    Thread target = steadyProducer(stack.target().bootstrapServers(), "moved.t", onTarget);
    try {
      ProducersMovedResult r = traffic.awaitProducersMoved(
          new ProducersMovedRequest("source", "target", List.of("moved.t"), List.of("app"), FAST, 3000));

      assertThat(r.moved()).isTrue();
      assertThat(r.trafficSeen()).isTrue();
      assertThat(r.targetRecords()).isPositive();
      assertThat(r.strays()).isEmpty();
    } finally {
      onTarget.set(false);
      target.join();
    }
  }

  @Test
  void aProducerStillWritingToTheSourceAfterTheGraceIsNamedAndNeverReportedMoved() throws Exception {
    topicOnBoth("stray.t");
    AtomicBoolean running = new AtomicBoolean(true);
    Thread stray = steadyProducer(stack.source().bootstrapServers(), "stray.t", running);
    try {
      ProducersMovedResult r = traffic.awaitProducersMoved(
          new ProducersMovedRequest("source", "target", List.of("stray.t"), List.of("app"), FAST, 1000));

      assertThat(r.moved()).isFalse();
      assertThat(r.strays()).isNotEmpty().allSatisfy(s -> {
        assertThat(s.topic()).isEqualTo("stray.t");
        assertThat(s.recordsSinceSwitch()).isPositive();
        assertThat(s.producerIds()).as("idempotent producers are named by producer id").isNotEmpty();
      });
    } finally {
      running.set(false);
      stray.join();
    }
  }

  @Test
  void theSourceIsDrainedWhenEveryGroupHasNoLagAndTheEndOffsetsHoldStill() throws Exception {
    LocalTraffic.createTopic(clusters.admin("source"), "drain.t", 2, Map.of());
    LocalTraffic.produce(stack.source().bootstrapServers(), "drain.t", 40);
    LocalTraffic.consume(stack.source().bootstrapServers(), "drain.t", "drain-done", 40);

    DrainResult r = traffic.awaitDrained(new DrainRequest("source", List.of("drain.t"), List.of("drain-done"), FAST, List.of()));

    assertThat(r.drained()).isTrue();
    assertThat(r.last().totalLag()).isZero();
    assertThat(r.verdicts()).extracting(v -> v.status()).containsOnly(GroupStatus.CAUGHT_UP);
  }

  @Test
  void aGroupWithLagAndNoMembersWhoseCommitsDoNotMoveEndsTheWaitAsStopped() throws Exception {
    LocalTraffic.createTopic(clusters.admin("source"), "stop.t", 2, Map.of());
    LocalTraffic.produce(stack.source().bootstrapServers(), "stop.t", 40);
    LocalTraffic.consume(stack.source().bootstrapServers(), "stop.t", "drain-stopped", 5);

    DrainResult r = traffic.awaitDrained(new DrainRequest("source", List.of("stop.t"), List.of("drain-stopped"), FAST, List.of()));

    assertThat(r.drained()).isFalse();
    assertThat(r.blocked()).singleElement().satisfies(v -> {
      assertThat(v.group()).isEqualTo("drain-stopped");
      assertThat(v.status()).isEqualTo(GroupStatus.STOPPED);
      assertThat(v.lag()).isPositive();
    });
  }

  @Test
  void consumersHaveMovedWhenTheSourceGroupIsEmptyAndTheTargetGroupConsumes() throws Exception {
    topicOnBoth("consumers.t");
    LocalTraffic.produce(stack.target().bootstrapServers(), "consumers.t", 20);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread member = LocalTraffic.committingMember(stack.target().bootstrapServers(), "consumers.t", "moving-group", running);
    try {
      ConsumersMovedResult r = traffic.awaitConsumersMoved(
          new ConsumersMovedRequest("source", "target", List.of("consumers.t"), List.of("moving-group"), FAST));

      assertThat(r.moved()).isTrue();
      assertThat(r.sourceGroups()).singleElement().satisfies(g -> assertThat(g.members()).isZero());
      assertThat(r.targetGroups()).singleElement().satisfies(g -> assertThat(g.members()).isPositive());
    } finally {
      running.set(false);
      member.join();
    }
  }

  @Test
  void newConsumersHaveJoinedWhenTheirGroupHasMembersAndConsumesOnTheTarget() throws Exception {
    topicOnBoth("joined.t");
    LocalTraffic.produce(stack.target().bootstrapServers(), "joined.t", 20);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread member = LocalTraffic.committingMember(stack.target().bootstrapServers(), "joined.t", "joining-group", running);
    try {
      ConsumersJoinedResult r = traffic.awaitConsumersJoined(
          new ConsumersJoinedRequest("target", List.of("joined.t"), List.of("joining-group"), FAST, true));

      assertThat(r.groups()).singleElement().satisfies(g -> assertThat(g.members()).isPositive());
      assertThat(r.lag().totalLag()).isZero();
    } finally {
      running.set(false);
      member.join();
    }
  }

  @Test
  void everyConsumerWaitSeesTheMembersAndCommitsOfAGroupOnTheNewConsumerProtocol() throws Exception {
    topicOnBoth("kip848.t");
    LocalTraffic.produce(stack.source().bootstrapServers(), "kip848.t", 40);
    LocalTraffic.produce(stack.target().bootstrapServers(), "kip848.t", 40);
    Properties consumerProtocol = new Properties();
    consumerProtocol.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
    List<String> group = List.of("kip848-group");
    AtomicBoolean onSource = new AtomicBoolean(true);
    Thread sourceMember = LocalTraffic.committingMember(stack.source().bootstrapServers(), "kip848.t", group.get(0), onSource, 500, 0, consumerProtocol);
    AtomicBoolean onTarget = new AtomicBoolean(true);
    Thread targetMember = null;
    try {
      DrainResult drained = traffic.awaitDrained(new DrainRequest("source", List.of("kip848.t"), group, FAST, List.of()));
      assertThat(drained.drained()).isTrue();
      assertThat(drained.last().groups()).singleElement().satisfies(g -> assertThat(g.members()).isEqualTo(1));

      onSource.set(false);
      sourceMember.join();
      targetMember = LocalTraffic.committingMember(stack.target().bootstrapServers(), "kip848.t", group.get(0), onTarget, 500, 0, consumerProtocol);
      ConsumersMovedResult moved = traffic.awaitConsumersMoved(new ConsumersMovedRequest("source", "target", List.of("kip848.t"), group, FAST));
      ConsumersJoinedResult joined = traffic.awaitConsumersJoined(new ConsumersJoinedRequest("target", List.of("kip848.t"), group, FAST, true));

      assertThat(moved.moved()).isTrue();
      assertThat(moved.targetGroups()).singleElement().satisfies(g -> assertThat(g.members()).isEqualTo(1));
      assertThat(joined.groups()).singleElement().satisfies(g -> assertThat(g.members()).isEqualTo(1));
      assertThat(joined.lag().totalLag()).as("its commits are read").isZero();
    } finally {
      onSource.set(false);
      onTarget.set(false);
      sourceMember.join();
      if (targetMember != null) {
        targetMember.join();
      }
    }
  }

  @Test
  void aDrainHeldByAnOpenTransactionNamesTheTransactionAndItsPartitionInsteadOfCallingTheGroupStalled() throws Exception {
    LocalTraffic.createTopic(clusters.admin("source"), "drain.tx", 1, Map.of());
    Properties readCommitted = new Properties();
    readCommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    AtomicBoolean running = new AtomicBoolean(true);
    Thread member = LocalTraffic.committingMember(stack.source().bootstrapServers(), "drain.tx", "drain-tx-group", running, 500, 0, readCommitted);
    try (KafkaProducer<String, String> producer = transactional("drain-orders-tx")) {
      producer.beginTransaction();
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>("drain.tx", "k" + i, "committed " + i));
      }
      producer.commitTransaction();
      producer.beginTransaction();
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>("drain.tx", "k" + i, "open " + i));
      }
      producer.flush();
      DrainRequest request = new DrainRequest("source", List.of("drain.tx"), List.of("drain-tx-group"), FAST, List.of());

      DrainResult held = traffic.awaitDrained(request);

      assertThat(held.drained()).isFalse();
      assertThat(held.blocked()).singleElement().satisfies(v -> {
        assertThat(v.status()).isEqualTo(GroupStatus.TRANSACTION_OPEN);
        assertThat(v.lag()).as("the open transaction's records and nothing else").isEqualTo(5);
        assertThat(v.reason()).contains("drain.tx-0").contains("transaction 'drain-orders-tx'").contains("from offset 11");
      });

      producer.commitTransaction();
      DrainResult drained = traffic.awaitDrained(
          new DrainRequest("source", List.of("drain.tx"), List.of("drain-tx-group"), FAST, List.of("drain-tx-group")));
      assertThat(drained.drained()).isTrue();
    } finally {
      running.set(false);
      member.join();
    }
  }

  @Test
  void aGroupWhoseLastCommitStopsAtATransactionsCommitMarkerHasDrained() throws Exception {
    LocalTraffic.createTopic(clusters.admin("source"), "drain.marker", 1, Map.of());
    try (KafkaProducer<String, String> producer = transactional("drain-marker-tx")) {
      producer.beginTransaction();
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>("drain.marker", "k" + i, "v" + i));
      }
      producer.commitTransaction();
    }
    // A client that commits its last record's offset + 1 stops before the commit marker at offset 10.
    clusters.admin("source").alterConsumerGroupOffsets("drain-marker-group",
        Map.of(new TopicPartition("drain.marker", 0), new OffsetAndMetadata(10))).all().get();

    DrainResult r = traffic.awaitDrained(new DrainRequest("source", List.of("drain.marker"), List.of("drain-marker-group"), FAST, List.of()));

    assertThat(r.drained()).as("%s", r.verdicts()).isTrue();
    assertThat(r.last().totalLag()).isZero();
  }

  private static KafkaProducer<String, String> transactional(String transactionalId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.source().bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    KafkaProducer<String, String> producer = new KafkaProducer<>(p);
    producer.initTransactions();
    return producer;
  }

  @Test
  void aDrainsEtaFromItsOwnPollsIsWithinAFifthOfTheTimeTheDrainThenTook() throws Exception {
    LocalTraffic.createTopic(clusters.admin("source"), "eta.t", 2, Map.of());
    LocalTraffic.produceUnbatched(stack.source().bootstrapServers(), "eta.t", 2_000);
    // The SDK heartbeats at most every 0.8 x the timeout: a short one, so the test sees most polls.
    TestActivityEnvironment quickEnv = TestActivityEnvironment.newInstance();
    TrafficActivities quickBeats = LocalClusters.trafficStub(quickEnv, clusters, Duration.ofSeconds(1));
    List<DrainState> beats = new java.util.concurrent.CopyOnWriteArrayList<>();
    quickEnv.setActivityHeartbeatListener(DrainState.class, beats::add);
    AtomicBoolean running = new AtomicBoolean(true);
    // A consumer at a steady pace: at most 20 records a poll, 50 ms apart.
    Thread member = LocalTraffic.committingMember(stack.source().bootstrapServers(), "eta.t", "eta-group", running, 20, 50);
    try {
      DrainResult r = quickBeats.awaitDrained(
          new DrainRequest("source", List.of("eta.t"), List.of("eta-group"), new WaitSettings(250, 1000, 20_000), List.of()));
      assertThat(r.drained()).isTrue();
    } finally {
      running.set(false);
      member.join(10_000);
      quickEnv.close();
    }

    // When each poll read the lag (not when its heartbeat went out).
    DrainState done = beats.stream().filter(b -> b.eta() != null && b.eta().lag() == 0).findFirst().orElseThrow();
    // Once the consumer is well under way (40% consumed), the ETA then predicted...
    DrainState predicted = beats.stream()
        .filter(b -> b.eta() != null && b.eta().lag() > 0 && b.eta().lag() <= 1_200 && b.eta().etaSeconds() != null)
        .findFirst().orElseThrow();
    long actualMs = done.last().atMillis() - predicted.last().atMillis();
    long etaMs = predicted.eta().etaSeconds() * 1000;
    // ... is within a fifth of what the drain then took (plus a second: the ETA is in whole seconds, the end seen at a poll).
    assertThat((double) Math.abs(etaMs - actualMs)).as("predicted %s, drained %d ms later", predicted.eta().describe(), actualMs)
        .isLessThanOrEqualTo(0.2 * actualMs + 1000);
    assertThat(predicted.eta().groups()).singleElement().satisfies(g -> {
      assertThat(g.group()).isEqualTo("eta-group");
      assertThat(g.consumePerSec()).isPositive();
      assertThat(g.producePerSec()).isZero();
    });
  }
}
