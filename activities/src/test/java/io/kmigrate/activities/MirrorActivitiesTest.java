package io.kmigrate.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmigrate.activities.MirrorActivitiesImpl;
import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.mirror.ConnectEndpoints;
import io.kmigrate.activities.mirror.ConnectRest;
import io.kmigrate.activities.mirror.MirrorConnectors;
import io.kmigrate.localstack.LocalStack;
import io.kmigrate.localstack.LocalTraffic;
import io.kmigrate.localstack.Ports;
import io.kmigrate.localstack.SharedStack;
import io.kmigrate.workflows.contract.ApplyOffsetsRequest;
import io.kmigrate.workflows.contract.CopyVerification;
import io.kmigrate.workflows.contract.GroupTranslation;
import io.kmigrate.workflows.contract.HandoverMethod;
import io.kmigrate.workflows.contract.MirrorActivities;
import io.kmigrate.workflows.contract.MirrorCaughtUp;
import io.kmigrate.workflows.contract.MirrorRequest;
import io.kmigrate.workflows.contract.MirrorStarted;
import io.kmigrate.workflows.contract.MirrorWaitRequest;
import io.kmigrate.workflows.contract.OffsetTranslation;
import io.kmigrate.workflows.contract.TranslateRequest;
import io.kmigrate.workflows.contract.TranslatedOffset;
import io.kmigrate.workflows.contract.TranslationStatus;
import io.kmigrate.workflows.contract.VerifyCopyRequest;
import io.kmigrate.workflows.contract.WaitSettings;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MirrorMaker 2 driven through a real Kafka Connect worker (distributed mode, its state in topics
 * on the local target cluster) over its REST API: the back end a production Connect cluster is
 * driven with, here started in the test JVM.
 */
class MirrorActivitiesTest {
  static final WaitSettings FAST = new WaitSettings(500, 1500, 5000);
  static LocalStack stack;
  static Clusters clusters;
  static ConnectEndpoints connect;
  TestActivityEnvironment env;
  MirrorActivities mirror;

  @BeforeAll
  static void startStack() throws Exception {
    stack = SharedStack.stack();
    clusters = LocalClusters.shared();
    connect = ConnectEndpoints.embedded(clusters);
  }

  @AfterAll
  static void stopConnect() {
    connect.close();
  }

  @BeforeEach
  void activityEnvironment() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new MirrorActivitiesImpl(clusters, connect));
    mirror = stub(env, 5);
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  /** Retried like the workflow retries them (Connect answers 409/500 while it rebalances), but quickly. */
  static MirrorActivities stub(TestActivityEnvironment env, int attempts) {
    return env.newActivityStub(MirrorActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(3))
            .setHeartbeatTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMillis(500)).setMaximumAttempts(attempts).build())
            .build());
  }

  static void topicOnBoth(String topic) throws Exception {
    Clusters clusters = LocalClusters.shared();
    LocalTraffic.createTopic(clusters.admin("source"), topic, 2, Map.of());
    LocalTraffic.createTopic(clusters.admin("target"), topic, 2, Map.of());
  }

  @Test
  void copiesHistoryTranslatesAStoppedGroupWritesItsOffsetsAndVerifiesTheCopy() throws Exception {
    copyTranslateAndVerify(mirror, "mm.history", "mm-history", "mm-app");
  }

  /**
   * The whole mirror through {@code mirror}, whichever Connect runs it: history copied, a stopped
   * group's offsets translated from checkpoints and written to the target, the copy verified, the
   * connectors deleted.
   */
  static void copyTranslateAndVerify(MirrorActivities mirror, String topic, String id, String group) throws Exception {
    LocalStack stack = SharedStack.stack();
    Clusters clusters = LocalClusters.shared();
    topicOnBoth(topic);
    LocalTraffic.produce(stack.source().bootstrapServers(), topic, 2_000);
    LocalTraffic.consume(stack.source().bootstrapServers(), topic, group, 700);
    MirrorRequest request = new MirrorRequest(id, "source", "target", List.of(topic), List.of(group));

    MirrorStarted started = mirror.startMirror(request);
    assertThat(started.connectors()).hasSize(3);
    assertThat(started.connect()).startsWith("http://127.0.0.1:");

    MirrorCaughtUp caughtUp = mirror.awaitMirrorCaughtUp(new MirrorWaitRequest(request, FAST, 120_000, true));
    assertThat(caughtUp.caughtUp()).isTrue();
    assertThat(caughtUp.totalLag()).isZero();
    assertThat(caughtUp.partitions()).hasSize(2).allSatisfy(p -> assertThat(p.mirrored()).isEqualTo(p.sourceEnd()));

    // Patience for a loaded CI machine: checkpoints follow MirrorMaker's offset syncs, which can trail the copy.
    OffsetTranslation translation = mirror.awaitOffsetsTranslated(new TranslateRequest(request, FAST, 180_000));
    assertThat(translation.complete())
        .as("%s: %s", translation.summary(), translation.blocked().stream().map(GroupTranslation::describe).toList()).isTrue();
    assertThat(translation.summary()).isEqualTo("groups translated 1 of 1");
    GroupTranslation translated = translation.groups().get(0);
    Map<TopicPartition, OffsetAndMetadata> committed =
        clusters.admin("source").listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    assertThat(translated.partitions()).isNotEmpty().allSatisfy(o -> {
      assertThat(o.sourceOffset()).isEqualTo(committed.get(new TopicPartition(o.topic(), o.partition())).offset());
      // Both partitions hold the same records at the same offsets: the exact offset is the committed one.
      assertThat(o.method()).isIn(HandoverMethod.EXACT, HandoverMethod.NOTHING_CONSUMED);
      assertThat(o.translatedOffset()).isEqualTo(o.sourceOffset());
    });

    OffsetTranslation applied = mirror.applyTranslatedOffsets(new ApplyOffsetsRequest("target", translation));
    assertThat(applied.applied()).isTrue();
    Map<TopicPartition, OffsetAndMetadata> onTarget =
        clusters.admin("target").listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    for (TranslatedOffset o : translated.partitions()) {
      assertThat(onTarget.get(new TopicPartition(o.topic(), o.partition())).offset()).isEqualTo(o.translatedOffset());
    }

    CopyVerification copy = mirror.verifyCopy(new VerifyCopyRequest("source", "target", caughtUp.partitions()));
    assertThat(copy.checksumsMatch()).isTrue();
    assertThat(copy.sourceRecords()).isEqualTo(2_000);
    assertThat(copy.targetRecords()).isEqualTo(2_000);

    assertThat(mirror.stopMirror(request).deleted()).containsExactlyInAnyOrderElementsOf(started.connectors());
    assertThat(mirror.stopMirror(request).deleted()).as("stopping twice is not an error").isEmpty();
  }

  /**
   * The cases where MirrorMaker's translation lands before the truth: sparse source offsets (a
   * transactional producer's markers and aborted records, a cleaner's removed records) and a
   * group on the new consumer protocol. Every group-partition resumes at the copy of its first
   * unconsumed record, and reading on from there on the target reads what the group had left on
   * the source, nothing more, nothing less.
   */
  @Test
  void groupsResumeExactlyOnTransactionalAndCompactedTopicsAndOnTheNewConsumerProtocol() throws Exception {
    String servers = stack.source().bootstrapServers();
    String transactional = "mm.transactional";
    topicOnBoth(transactional);
    LocalTraffic.produceTransactions(servers, transactional, 40, 10, t -> t % 4 == 3);
    Properties readCommitted = new Properties();
    readCommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    LocalTraffic.consume(servers, transactional, "mm-read-committed", 150, readCommitted);

    String compacted = "mm.compacted";
    LocalTraffic.createTopic(clusters.admin("source"), compacted, 2, Map.of(
        "cleanup.policy", "compact", "segment.ms", "100", "min.cleanable.dirty.ratio", "0.01", "min.compaction.lag.ms", "0"));
    // The target's copy is not cleaned while the test reads it: its segments are young.
    LocalTraffic.createTopic(clusters.admin("target"), compacted, 2, Map.of("cleanup.policy", "compact"));
    for (int round = 0; round < 6; round++) {
      LocalTraffic.produce(servers, compacted, 70);
      Thread.sleep(150); // the next write rolls the segment: the cleaner may take this one
    }
    awaitCleaned(compacted);
    LocalTraffic.consume(servers, compacted, "mm-compacted", 20);

    String newProtocol = "mm.new-protocol";
    topicOnBoth(newProtocol);
    LocalTraffic.produce(servers, newProtocol, 1_000);
    Properties consumerProtocol = new Properties();
    consumerProtocol.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
    LocalTraffic.consume(servers, newProtocol, "mm-new-protocol", 300, consumerProtocol);

    MirrorRequest request = new MirrorRequest("mm-exact", "source", "target", List.of(transactional, compacted, newProtocol),
        List.of("mm-read-committed", "mm-compacted", "mm-new-protocol"));
    mirror.startMirror(request);
    try {
      assertThat(mirror.awaitMirrorCaughtUp(new MirrorWaitRequest(request, FAST, 120_000, true)).caughtUp()).isTrue();

      OffsetTranslation t = mirror.awaitOffsetsTranslated(new TranslateRequest(request, FAST, 180_000));

      assertThat(t.complete()).as("%s: %s", t.summary(), t.blocked().stream().map(GroupTranslation::describe).toList()).isTrue();
      List<TranslatedOffset> all = t.groups().stream().flatMap(g -> g.partitions().stream()).toList();
      assertThat(t.exactSummary()).isEqualTo(all.size() + " of " + all.size() + " group-partitions");
      assertThat(all).filteredOn(o -> o.topic().equals(transactional) || o.topic().equals(compacted))
          .as("sparse source offsets: the copy's offsets differ").anySatisfy(o -> assertThat(o.translatedOffset()).isLessThan(o.sourceOffset()));
      for (TranslatedOffset o : all) {
        TopicPartition tp = new TopicPartition(o.topic(), o.partition());
        assertThat(readOn("target", tp, o.translatedOffset())).as("%s resuming at %d", tp, o.translatedOffset())
            .isEqualTo(readOn("source", tp, o.sourceOffset()));
      }
    } finally {
      mirror.stopMirror(request);
    }
  }

  /** Waits until the cleaner removed records from some partition of {@code topic}: its offsets have gaps. */
  private static void awaitCleaned(String topic) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      for (int p = 0; p < 2; p++) {
        if (readOn("source", new TopicPartition(topic, p), 0).size() < clusters.admin("source")
            .listOffsets(Map.of(new TopicPartition(topic, p), OffsetSpec.latest())).all().get().get(new TopicPartition(topic, p)).offset()) {
          return;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the cleaner removed no record of " + topic + " within 60 s");
  }

  /** What a read_committed consumer reads from {@code offset} to the end: key and value of each record. */
  private static List<String> readOn(String cluster, TopicPartition tp, long offset) {
    Properties p = new Properties();
    p.putAll(clusters.clientProperties(cluster));
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> records = new ArrayList<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      c.assign(List.of(tp));
      c.seek(tp, offset);
      long end = c.endOffsets(List.of(tp)).get(tp);
      while (c.position(tp) < end) {
        c.poll(Duration.ofMillis(200)).records(tp).forEach(r -> records.add(r.key() + "=" + r.value()));
      }
    }
    return records;
  }

  @Test
  void aGroupThatReadAFewMoreRecordsSinceItsLastCheckpointIsStillTranslated() throws Exception {
    // MirrorMaker writes no new checkpoint while the committed offset translates as the last one
    // did: a check for "checkpoint == committed" alone would wait forever here.
    String topic = "mm.moved-on";
    topicOnBoth(topic);
    LocalTraffic.produce(stack.source().bootstrapServers(), topic, 2_000);
    LocalTraffic.consume(stack.source().bootstrapServers(), topic, "mm-moved-on", 700);
    MirrorRequest request = new MirrorRequest("mm-moved-on", "source", "target", List.of(topic), List.of("mm-moved-on"));
    mirror.startMirror(request);
    try {
      assertThat(mirror.awaitOffsetsTranslated(new TranslateRequest(request, FAST, 90_000)).complete()).isTrue();
      LocalTraffic.consume(stack.source().bootstrapServers(), topic, "mm-moved-on", 5);

      OffsetTranslation t = mirror.awaitOffsetsTranslated(new TranslateRequest(request, FAST, 90_000));

      assertThat(t.complete()).as(t.summary() + " " + t.groups()).isTrue();
      assertThat(t.groups().get(0).partitions()).allSatisfy(o -> assertThat(o.translatedOffset()).isEqualTo(o.sourceOffset()));
    } finally {
      mirror.stopMirror(request);
    }
  }

  @Test
  void aGroupStillConsumingOnTheSourceIsNotTranslated() throws Exception {
    String topic = "mm.live-group";
    topicOnBoth(topic);
    LocalTraffic.produce(stack.source().bootstrapServers(), topic, 100);
    MirrorRequest request = new MirrorRequest("mm-live-group", "source", "target", List.of(topic), List.of("mm-live"));
    java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread member = LocalTraffic.committingMember(stack.source().bootstrapServers(), topic, "mm-live", running);
    try {
      mirror.startMirror(request);
      OffsetTranslation t = mirror.awaitOffsetsTranslated(new TranslateRequest(request, FAST, 3_000));

      assertThat(t.complete()).isFalse();
      assertThat(t.groups()).singleElement().satisfies(g -> {
        assertThat(g.status()).isEqualTo(TranslationStatus.SOURCE_ACTIVE);
        assertThat(g.reason()).contains("still consume on the source");
      });
      assertThatThrownBy(() -> mirror.applyTranslatedOffsets(new ApplyOffsetsRequest("target", t)))
          .isInstanceOf(ActivityFailure.class)
          .rootCause().hasMessageContaining("refusing to write offsets: groups translated 0 of 1");
    } finally {
      running.set(false);
      member.join();
      mirror.stopMirror(request);
    }
  }

  @Test
  void aFailedConnectorFailsTheWaitWithItsTraceAndIsNeverCaughtUp() throws Exception {
    String topic = "mm.failing";
    topicOnBoth(topic);
    MirrorRequest request = new MirrorRequest("mm-failing", "source", "target", List.of(topic), List.of());
    mirror.startMirror(request);
    ConnectRest rest = connect.forTarget("target");
    MirrorConnectors names = new MirrorConnectors("mm-failing", "source", "target");
    // A heartbeat connector whose task cannot run: its cluster's bootstrap servers do not parse.
    Map<String, String> broken = new java.util.HashMap<>(Map.of(
        "connector.class", MirrorConnectors.HEARTBEAT,
        "source.cluster.alias", "source",
        "target.cluster.alias", "target",
        "source.cluster.bootstrap.servers", stack.source().bootstrapServers(),
        "target.cluster.bootstrap.servers", "not a host:port list",
        "heartbeats.topic.replication.factor", "1"));
    try {
      rest.putConfig(names.heartbeatName(), broken);
      assertThatThrownBy(() -> mirror.awaitMirrorCaughtUp(new MirrorWaitRequest(request, FAST, 60_000, true)))
          .isInstanceOf(ActivityFailure.class)
          .cause().isInstanceOfSatisfying(ApplicationFailure.class, f -> {
            assertThat(f.getType()).isEqualTo(MirrorActivitiesImpl.CONNECTOR_FAILED);
            assertThat(f.getOriginalMessage()).contains(names.heartbeatName()).contains("FAILED");
          });
    } finally {
      mirror.stopMirror(request);
    }
  }

  @Test
  void aSourceTopicDeletedMidMirrorFailsNamingIt() throws Exception {
    String topic = "mm.deleted";
    topicOnBoth(topic);
    LocalTraffic.produce(stack.source().bootstrapServers(), topic, 50);
    MirrorRequest request = new MirrorRequest("mm-deleted", "source", "target", List.of(topic), List.of());
    mirror.startMirror(request);
    try {
      clusters.admin("source").deleteTopics(List.of(topic)).all().get();
      assertThatThrownBy(() -> mirror.awaitMirrorCaughtUp(new MirrorWaitRequest(request, FAST, 60_000, true)))
          .isInstanceOf(ActivityFailure.class)
          .cause().isInstanceOfSatisfying(ApplicationFailure.class, f -> {
            assertThat(f.getType()).isEqualTo(MirrorActivitiesImpl.SOURCE_TOPIC_GONE);
            assertThat(f.getOriginalMessage()).contains("[mm.deleted]").contains("no longer exist on source");
          });
    } finally {
      mirror.stopMirror(request);
    }
  }

  @Test
  void anUnreachableConnectIsARetryableFailureNamingIt() {
    URI nowhere = URI.create("http://127.0.0.1:" + Ports.free());
    TestActivityEnvironment other = TestActivityEnvironment.newInstance();
    try (ConnectEndpoints unreachable = new ConnectEndpoints(clusters, Optional.of(nowhere))) {
      other.registerActivitiesImplementations(new MirrorActivitiesImpl(clusters, unreachable));
      MirrorRequest request = new MirrorRequest("mm-unreachable", "source", "target", List.of("mm.history"), List.of());
      assertThatThrownBy(() -> stub(other, 1).startMirror(request))
          .isInstanceOf(ActivityFailure.class)
          .cause().isInstanceOfSatisfying(ApplicationFailure.class, f -> {
            assertThat(f.getType()).isEqualTo(ConnectRest.UNREACHABLE);
            assertThat(f.isNonRetryable()).isFalse();
            assertThat(f.getOriginalMessage()).contains(nowhere.toString());
          });
    } finally {
      other.close();
    }
  }

  @Test
  void aConnectClusterOnAnotherKafkaClusterThanTheTargetIsRefused() throws Exception {
    // Connect writes what MirrorMaker copies to its own Kafka cluster: here the target, not "source".
    URI onTarget = connect.forTarget("target").base();
    TestActivityEnvironment other = TestActivityEnvironment.newInstance();
    try (ConnectEndpoints elsewhere = new ConnectEndpoints(clusters, Optional.of(onTarget))) {
      other.registerActivitiesImplementations(new MirrorActivitiesImpl(clusters, elsewhere));
      MirrorRequest backwards = new MirrorRequest("mm-backwards", "target", "source", List.of("mm.history"), List.of());
      assertThatThrownBy(() -> stub(other, 1).startMirror(backwards))
          .isInstanceOf(ActivityFailure.class)
          .cause().isInstanceOfSatisfying(ApplicationFailure.class, f -> {
            assertThat(f.getType()).isEqualTo(MirrorActivitiesImpl.WRONG_CONNECT);
            assertThat(f.isNonRetryable()).isTrue();
            assertThat(f.getOriginalMessage()).contains("not on the target source");
          });
    } finally {
      other.close();
    }
  }

  @Test
  void aConfigurationConnectRefusesIsNotRetried() {
    ConnectRest rest = connect.forTarget("target");
    assertThatThrownBy(() -> rest.putConfig("kmigrate-bad", Map.of("connector.class", "no.such.Connector")))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(ConnectRest.REJECTED);
          assertThat(f.isNonRetryable()).isTrue();
          assertThat(f.getOriginalMessage()).contains("no.such.Connector");
        });
  }
}
