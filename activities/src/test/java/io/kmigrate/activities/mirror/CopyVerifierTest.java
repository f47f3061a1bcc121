package io.kmigrate.activities.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmigrate.activities.LocalClusters;
import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.lag.LagReader;
import io.kmigrate.activities.mirror.CopyVerifier;
import io.kmigrate.localstack.LocalTraffic;
import io.kmigrate.workflows.contract.CopyVerification;
import io.kmigrate.workflows.contract.PartitionCopyCheck;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Copy verification of a mirror against two real local brokers: source and target written by hand. */
class CopyVerifierTest {
  static Clusters clusters;
  static Admin source;
  static Admin target;
  static CopyVerifier verifier;

  @BeforeAll
  static void startStack() throws Exception {
    clusters = LocalClusters.shared();
    source = clusters.admin("source");
    target = clusters.admin("target");
    verifier = new CopyVerifier(clusters.clientProperties("source"), clusters.clientProperties("target"));
  }

  /** A record as written: key, value and headers (name, value) in order; any of them may be null. */
  record Rec(String key, String value, List<String[]> headers) {
    static Rec of(String key, String value, String... headerPairs) {
      List<String[]> headers = new ArrayList<>();
      for (int i = 0; i < headerPairs.length; i += 2) {
        headers.add(new String[] {headerPairs[i], headerPairs[i + 1]});
      }
      return new Rec(key, value, headers);
    }

    long bytes() {
      return (key == null ? 0 : key.length()) + (value == null ? 0 : value.length());
    }
  }

  /** Partition 0 and 1 contents used by most tests: nulls, empties and headers included. */
  static final List<Rec> P0 = List.of(
      Rec.of("order-1", "created", "trace", "t-1", "source", "web"),
      Rec.of(null, "no key"),
      Rec.of("order-1", null, "tombstone", null),
      Rec.of("order-2", "", "empty", ""),
      Rec.of("order-2", "paid"));
  static final List<Rec> P1 = List.of(
      Rec.of("user-7", "signed up", "v", "1"),
      Rec.of("user-7", "verified", "v", "2"),
      Rec.of("user-8", "signed up"));

  static void topicOnBoth(String topic) throws Exception {
    LocalTraffic.createTopic(source, topic, 2, Map.of());
    LocalTraffic.createTopic(target, topic, 2, Map.of());
  }

  static void write(String cluster, String topic, int partition, List<Rec> records) {
    Properties p = clusters.clientProperties(cluster);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (Rec r : records) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, bytes(r.key()), bytes(r.value()));
        r.headers().forEach(h -> record.headers().add(new RecordHeader(h[0], bytes(h[1]))));
        producer.send(record);
      }
      producer.flush();
    }
  }

  static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  /** What the migration records when the copy starts: the source's end offsets now. */
  static Map<TopicPartition, Long> sourceEnds(String topic) {
    return new LagReader(source, List.of(topic)).endOffsets();
  }

  static PartitionCopyCheck partition(CopyVerification v, int partition) {
    return v.partitions().stream().filter(p -> p.partition() == partition).findFirst().orElseThrow();
  }

  @Test
  void anIdenticalCopyMatchesWithEqualCountsAndTheSourceBytes() throws Exception {
    topicOnBoth("cv.same");
    for (String cluster : List.of("source", "target")) {
      write(cluster, "cv.same", 0, P0);
      write(cluster, "cv.same", 1, P1);
    }

    CopyVerification v = verifier.verify(sourceEnds("cv.same"));

    assertThat(v.checksumsMatch()).isTrue();
    assertThat(v.differing()).isEmpty();
    assertThat(v.sourceRecords()).isEqualTo(8).isEqualTo(v.targetRecords());
    assertThat(v.bytes()).isEqualTo(P0.stream().mapToLong(Rec::bytes).sum() + P1.stream().mapToLong(Rec::bytes).sum());
    assertThat(v.partitions()).extracting(PartitionCopyCheck::partition).containsExactly(0, 1);
    assertThat(partition(v, 0)).satisfies(p -> {
      assertThat(p.sourceFrom()).isZero();
      assertThat(p.sourceTo()).isEqualTo(5);
      assertThat(p.sourceChecksum()).hasSize(16).isEqualTo(p.targetChecksum());
    });
  }

  @Test
  void aVerificationCrossesTheActivityBoundaryAsPlainJson() throws Exception {
    topicOnBoth("cv.json");
    write("source", "cv.json", 0, P0);
    write("target", "cv.json", 0, P0.subList(0, 2));
    CopyVerification v = verifier.verify(sourceEnds("cv.json"));
    DataConverter converter = DefaultDataConverter.newDefaultInstance();

    CopyVerification back = converter.fromPayload(converter.toPayload(v).orElseThrow(), CopyVerification.class, CopyVerification.class);

    assertThat(back).isEqualTo(v);
    assertThat(back.differing()).hasSize(1);
  }

  @Test
  void oneChangedValueOnTheTargetFailsOnlyItsPartition() throws Exception {
    topicOnBoth("cv.changed");
    write("source", "cv.changed", 0, P0);
    write("source", "cv.changed", 1, P1);
    write("target", "cv.changed", 0, P0);
    write("target", "cv.changed", 1, List.of(P1.get(0), Rec.of("user-7", "verified!", "v", "2"), P1.get(2)));

    CopyVerification v = verifier.verify(sourceEnds("cv.changed"));

    assertThat(v.checksumsMatch()).isFalse();
    assertThat(v.differing()).singleElement().satisfies(p -> {
      assertThat(p.partition()).isEqualTo(1);
      assertThat(p.sourceRecords()).isEqualTo(3).isEqualTo(p.targetRecords());
      assertThat(p.sourceChecksum()).isNotEqualTo(p.targetChecksum());
    });
  }

  @Test
  void theSameRecordsInAnotherOrderDiffer() throws Exception {
    topicOnBoth("cv.order");
    write("source", "cv.order", 0, P0);
    write("target", "cv.order", 0, List.of(P0.get(1), P0.get(0), P0.get(2), P0.get(3), P0.get(4)));

    CopyVerification v = verifier.verify(sourceEnds("cv.order"));

    assertThat(v.differing()).extracting(PartitionCopyCheck::partition).containsExactly(0);
    assertThat(v.sourceRecords()).isEqualTo(5).isEqualTo(v.targetRecords());
  }

  @Test
  void fieldBoundariesHeadersAndNullsAreAllPartOfTheChecksum() throws Exception {
    LocalTraffic.createTopic(source, "cv.fields", 4, Map.of());
    LocalTraffic.createTopic(target, "cv.fields", 4, Map.of());
    write("source", "cv.fields", 0, List.of(Rec.of("ab", "c")));
    write("target", "cv.fields", 0, List.of(Rec.of("a", "bc")));
    write("source", "cv.fields", 1, List.of(Rec.of("k", null)));
    write("target", "cv.fields", 1, List.of(Rec.of("k", "")));
    write("source", "cv.fields", 2, List.of(Rec.of("k", "v", "h", "1", "i", "2")));
    write("target", "cv.fields", 2, List.of(Rec.of("k", "v", "i", "2", "h", "1")));
    write("source", "cv.fields", 3, List.of(Rec.of("k", "v", "h", null)));
    write("target", "cv.fields", 3, List.of(Rec.of("k", "v", "h", "")));

    CopyVerification v = verifier.verify(sourceEnds("cv.fields"));

    assertThat(v.differing()).extracting(PartitionCopyCheck::partition).containsExactly(0, 1, 2, 3);
  }

  @Test
  void recordsWrittenToTheTargetAfterTheCopyAreNotCompared() throws Exception {
    topicOnBoth("cv.extra");
    write("source", "cv.extra", 0, P0);
    write("source", "cv.extra", 1, P1);
    write("target", "cv.extra", 0, P0);
    write("target", "cv.extra", 1, P1);
    write("target", "cv.extra", 1, List.of(Rec.of("user-9", "written after the cutover")));

    CopyVerification v = verifier.verify(sourceEnds("cv.extra"));

    assertThat(v.checksumsMatch()).isTrue();
    assertThat(partition(v, 1).targetRecords()).isEqualTo(3);
  }

  @Test
  void aTargetMissingRecordsIsAMismatchWithBothCounts() throws Exception {
    topicOnBoth("cv.short");
    write("source", "cv.short", 0, P0);
    write("source", "cv.short", 1, P1);
    write("target", "cv.short", 0, P0.subList(0, 3));
    write("target", "cv.short", 1, P1);

    CopyVerification v = verifier.verify(sourceEnds("cv.short"));

    assertThat(v.checksumsMatch()).isFalse();
    assertThat(v.differing()).singleElement().satisfies(p -> {
      assertThat(p.partition()).isZero();
      assertThat(p.sourceRecords()).isEqualTo(5);
      assertThat(p.targetRecords()).isEqualTo(3);
    });
    assertThat(v.sourceRecords()).isEqualTo(8);
    assertThat(v.targetRecords()).isEqualTo(6);
  }

  @Test
  void sourceWritesAfterTheRecordedEndAreNotCompared() throws Exception {
    topicOnBoth("cv.moving");
    write("source", "cv.moving", 0, P0);
    write("target", "cv.moving", 0, P0);
    Map<TopicPartition, Long> recorded = sourceEnds("cv.moving");
    write("source", "cv.moving", 0, List.of(Rec.of("late", "after the recorded end")));
    write("source", "cv.moving", 1, P1);

    CopyVerification v = verifier.verify(recorded);

    assertThat(v.checksumsMatch()).isTrue();
    assertThat(partition(v, 0)).satisfies(p -> {
      assertThat(p.sourceTo()).isEqualTo(5);
      assertThat(p.sourceRecords()).isEqualTo(5).isEqualTo(p.targetRecords());
    });
    assertThat(partition(v, 1).sourceRecords()).isZero();
  }

  @Test
  void transactionMarkersAndAbortedRecordsOnTheSourceAreNotRecordsOfTheCopy() throws Exception {
    topicOnBoth("cv.tx");
    Properties p = clusters.clientProperties("source");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "cv-tx");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      producer.initTransactions();
      for (Rec r : P0) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("cv.tx", 0, bytes(r.key()), bytes(r.value())));
        producer.commitTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("cv.tx", 0, bytes("aborted"), bytes(r.value())));
        producer.flush(); // on the log before the abort: otherwise the abort may just drop it
        producer.abortTransaction();
      }
    }
    List<Rec> withoutHeaders = P0.stream().map(r -> Rec.of(r.key(), r.value())).toList();
    write("target", "cv.tx", 0, withoutHeaders);

    CopyVerification v = verifier.verify(sourceEnds("cv.tx"));

    assertThat(v.checksumsMatch()).isTrue();
    assertThat(partition(v, 0)).satisfies(c -> {
      assertThat(c.sourceRecords()).isEqualTo(5).isEqualTo(c.targetRecords());
      assertThat(c.sourceTo()).isEqualTo(20); // 5 committed + 5 aborted records, 10 markers
    });
  }

  @Test
  void aSourceRangeThatCannotBeReadToItsEndFailsNamingThePartition() throws Exception {
    topicOnBoth("cv.beyond");
    write("source", "cv.beyond", 0, P0);
    write("target", "cv.beyond", 0, P0);
    // As if the topic had been recreated since the end offsets were recorded.
    Map<TopicPartition, Long> recorded = Map.of(new TopicPartition("cv.beyond", 0), 8L);
    CopyVerifier impatient =
        new CopyVerifier(clusters.clientProperties("source"), clusters.clientProperties("target"), Duration.ofSeconds(1));

    assertThatThrownBy(() -> impatient.verify(recorded))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no progress")
        .hasMessageContaining("source cv.beyond-0 stuck at offset 5 of [0, 8) with readable end 5");
  }

  @Test
  void aSourceRangeDeletedBeforeVerificationFailsNamingThePartition() throws Exception {
    topicOnBoth("cv.deleted");
    write("source", "cv.deleted", 1, P1);
    Map<TopicPartition, Long> recorded = sourceEnds("cv.deleted");
    write("source", "cv.deleted", 1, P1);
    source.deleteRecords(Map.of(new TopicPartition("cv.deleted", 1), RecordsToDelete.beforeOffset(5))).all().get();

    assertThatThrownBy(() -> verifier.verify(recorded))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cv.deleted-1")
        .hasMessageContaining("deleted")
        .hasMessageContaining("now starts at 5");
  }
}
