package io.kmigrate.activities.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.activities.LocalClusters;
import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.localstack.LocalTraffic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where a group resumes on the target, from the records, on real brokers: source and target
 * partitions written here record by record as MirrorMaker would copy them (or miscopy them), and
 * the offset sync a test names as the anchor.
 */
class OffsetHandoverTest {
  private static final long T0 = 1_700_000_000_000L;
  static Clusters clusters;
  static OffsetHandover handover;

  @BeforeAll
  static void clusters() throws Exception {
    clusters = LocalClusters.shared();
    handover = new OffsetHandover(clusters.clientProperties("source"), clusters.clientProperties("target"), Duration.ofSeconds(10));
  }

  @Test
  void aFaithfulCopyResumesAtTheCopyOfTheFirstUnconsumedRecord() throws Exception {
    TopicPartition tp = topics("oh.faithful");
    write("source", tp, range(0, 100));
    write("target", tp, range(0, 100));

    OffsetHandover.Result r = resolve(tp, 70, 40, 40);

    assertThat(r.exact()).as(r.reason()).isTrue();
    assertThat(r.offset()).isEqualTo(70);
    assertThat(r.window()).as("the records MirrorMaker's translation would read again").isEqualTo(30);
  }

  @Test
  void aSyncAtTheCommittedOffsetItselfResumesAtItsCopy() throws Exception {
    TopicPartition tp = topics("oh.at-sync");
    write("source", tp, range(0, 100));
    write("target", tp, range(0, 100));

    OffsetHandover.Result r = resolve(tp, 70, 70, 70);

    assertThat(r.exact()).as(r.reason()).isTrue();
    assertThat(r.offset()).isEqualTo(70);
    assertThat(r.window()).isZero();
  }

  @Test
  void aBatchCopiedTwiceInsideTheWindowIsNotExactAndSaysWhere() throws Exception {
    TopicPartition tp = topics("oh.twice-inside");
    write("source", tp, range(0, 100));
    // MirrorMaker's task restarted and sent source offsets 50..59 again.
    write("target", tp, concat(range(0, 60), range(50, 60), range(60, 100)));

    OffsetHandover.Result r = resolve(tp, 70, 40, 40);

    assertThat(r.exact()).isFalse();
    assertThat(r.copied()).isTrue();
    assertThat(r.offset()).isEqualTo(-1);
    assertThat(r.reason()).contains("target offset 60 does not hold the copy of source offset 60").contains("holds twice");
    assertThat(r.window()).isEqualTo(30);
  }

  @Test
  void aBatchCopiedTwiceWhereTheGroupWouldResumeIsNotExact() throws Exception {
    TopicPartition tp = topics("oh.twice-at-resume");
    write("source", tp, range(0, 100));
    write("target", tp, concat(range(0, 70), range(60, 70), range(70, 100)));

    OffsetHandover.Result r = resolve(tp, 70, 40, 40);

    assertThat(r.exact()).isFalse();
    assertThat(r.reason()).contains("target offset 70, where the group would resume, does not hold the copy of the source's next record at offset 70");
  }

  @Test
  void aSyncWrittenAfterTheDuplicatesResumesPastThem() throws Exception {
    TopicPartition tp = topics("oh.twice-before-sync");
    write("source", tp, range(0, 100));
    write("target", tp, concat(range(0, 70), range(60, 70), range(70, 100)));

    // MirrorMaker synced source 69 again where its second copy landed (target 79).
    OffsetHandover.Result r = resolve(tp, 70, 69, 79);

    assertThat(r.exact()).as(r.reason()).isTrue();
    assertThat(r.offset()).isEqualTo(80);
  }

  @Test
  void fromASyncAboveTheCommittedOffsetTheGroupResumesAtTheCopyOfItsFirstUnconsumedRecord() throws Exception {
    // MirrorMaker sent no sync below offset 30 (it sends only its latest when it copies fast).
    TopicPartition tp = topics("oh.above");
    write("source", tp, range(0, 100));
    // The first copy of 30..39 is followed by a second one: the group, which consumed up to 29,
    // reads each of them once, from the second copy on.
    write("target", tp, concat(range(0, 40), range(30, 40), range(40, 100)));

    OffsetHandover.Result r = resolve(tp, 30, 60, 70);

    assertThat(r.exact()).as(r.reason()).isTrue();
    assertThat(r.offset()).isEqualTo(40);
  }

  @Test
  void fromASyncAboveTheCommittedOffsetARecordMissingFromTheCopyIsNotExact() throws Exception {
    TopicPartition tp = topics("oh.above-missing");
    write("source", tp, range(0, 100));
    write("target", tp, concat(range(0, 45), range(46, 100)));

    OffsetHandover.Result r = resolve(tp, 30, 60, 59);

    assertThat(r.exact()).isFalse();
    assertThat(r.reason()).contains("target offset 29 does not hold the copy of source offset 30");
  }

  @Test
  void whenTheSyncBelowIsGoneTheSyncAboveStillProvesTheOffset() throws Exception {
    TopicPartition tp = topics("oh.below-gone");
    write("source", tp, range(0, 100));
    write("target", tp, range(0, 100));
    clusters.admin("source").deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(45))).all().get();

    List<OffsetHandover.Result> results = handover.resolve(List.of(new OffsetHandover.Request(
        tp, 70, new OffsetSyncs.Sync(40, 40), new OffsetSyncs.Sync(90, 90))), () -> {});

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.exact()).as(r.reason()).isTrue();
      assertThat(r.offset()).isEqualTo(70);
    });
  }

  @Test
  void aSyncBelowTheTargetContradictsIsNoFallback() throws Exception {
    TopicPartition tp = topics("oh.sync-wrong");
    write("source", tp, range(0, 100));
    write("target", tp, range(0, 100));

    // A sync naming the wrong target offset (another copy's): its translation cannot be trusted either.
    OffsetHandover.Result r = resolve(tp, 70, 40, 47);

    assertThat(r.exact()).isFalse();
    assertThat(r.syncBelowHolds()).isFalse();
    assertThat(r.reason()).contains("the record MirrorMaker synced there");
  }

  @Test
  void aForeignRecordOnTheTargetIsNotExact() throws Exception {
    TopicPartition tp = topics("oh.foreign");
    write("source", tp, range(0, 100));
    List<ProducerRecord<String, String>> withStranger = new ArrayList<>(range(0, 55));
    withStranger.add(new ProducerRecord<>("", 0, T0, "stranger", "written to the target by someone else"));
    withStranger.addAll(range(55, 100));
    write("target", tp, withStranger);

    OffsetHandover.Result r = resolve(tp, 70, 40, 40);

    assertThat(r.exact()).isFalse();
    assertThat(r.reason()).contains("target offset 55 does not hold the copy of source offset 55");
  }

  @Test
  void aGroupThatConsumedTheWholeSourceResumesWhereTheTargetsOwnRecordsBegin() throws Exception {
    // production-first with a mirror: the producers wrote to the target after the mirror's last copy.
    TopicPartition tp = topics("oh.consumed-all");
    write("source", tp, range(0, 100));
    List<ProducerRecord<String, String>> copyThenNew = new ArrayList<>(range(0, 100));
    IntStream.range(0, 5).forEach(i -> copyThenNew.add(new ProducerRecord<>("", 0, T0 + 10_000 + i, "k" + i, "new on target " + i)));
    write("target", tp, copyThenNew);

    OffsetHandover.Result r = resolve(tp, 100, 90, 90);

    assertThat(r.exact()).as(r.reason()).isTrue();
    assertThat(r.offset()).isEqualTo(100);
  }

  @Test
  void aGroupThatConsumedTheWholeSourceIsNotExactWhenTheCopyRepeatsItsLastRecords() throws Exception {
    TopicPartition tp = topics("oh.consumed-all-twice");
    write("source", tp, range(0, 100));
    write("target", tp, concat(range(0, 100), range(95, 100)));

    OffsetHandover.Result r = resolve(tp, 100, 90, 90);

    assertThat(r.exact()).isFalse();
    assertThat(r.reason()).contains("target offset 100").contains("repeats a record copied before it");
  }

  @Test
  void recordsNotCopiedYetAreWaitedForNotGuessed() throws Exception {
    TopicPartition tp = topics("oh.behind");
    write("source", tp, range(0, 100));
    write("target", tp, range(0, 60));

    OffsetHandover.Result r = resolve(tp, 70, 40, 40);

    assertThat(r.copied()).isFalse();
    assertThat(r.exact()).isFalse();
    assertThat(r.reason()).contains("copied 20 of the 30 records");
  }

  @Test
  void aTransactionalSourceWithAbortedRecordsResumesAtTheDenserCopy() throws Exception {
    TopicPartition tp = topics("oh.transactional");
    // 20 transactions of 5 records, every fourth aborted: the source holds markers and aborted records.
    List<Long> committedOffsets = writeTransactions(tp, 20, 5, t -> t % 4 == 3);
    List<ProducerRecord<String, String>> copy = new ArrayList<>();
    for (int t = 0; t < 20; t++) {
      if (t % 4 != 3) {
        copy.addAll(range(t * 5, t * 5 + 5));
      }
    }
    write("target", tp, copy);
    // The group read 40 committed records: it committed the offset after the 40th.
    long committed = committedOffsets.get(39) + 1;

    OffsetHandover.Result r = resolve(tp, committed, committedOffsets.get(20), 20);

    assertThat(committed).as("the source's offsets are sparse").isGreaterThan(40);
    assertThat(r.exact()).as(r.reason()).isTrue();
    assertThat(r.offset()).isEqualTo(40);
  }

  @Test
  void anOffsetInsideAnOpenTransactionWaitsForItToEnd() throws Exception {
    TopicPartition tp = topics("oh.open-transaction");
    write("source", tp, range(0, 10));
    write("target", tp, range(0, 10));
    try (KafkaProducer<String, String> open = transactional("oh-open")) {
      open.beginTransaction();
      for (ProducerRecord<String, String> r : range(10, 15)) {
        open.send(at(tp, r));
      }
      open.flush();

      // A read_uncommitted group read into the open transaction.
      OffsetHandover.Result r = resolve(tp, 15, 5, 5);

      assertThat(r.copied()).isFalse();
      assertThat(r.reason()).contains("beyond the source's last stable offset 10").contains("open transaction");
      open.abortTransaction();
    }
  }

  @Test
  void aSyncedRecordDeletedFromTheSourceIsNotExact() throws Exception {
    TopicPartition tp = topics("oh.deleted");
    write("source", tp, range(0, 100));
    write("target", tp, range(0, 100));
    clusters.admin("source").deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(45))).all().get();

    OffsetHandover.Result r = resolve(tp, 70, 40, 40);

    assertThat(r.exact()).isFalse();
    assertThat(r.reason()).contains("no longer exists");
  }

  /** Hands over from the one sync (upstream, downstream), below the committed offset or above it. */
  private static OffsetHandover.Result resolve(TopicPartition tp, long committed, long upstream, long downstream) {
    OffsetSyncs.Sync sync = new OffsetSyncs.Sync(upstream, downstream);
    List<OffsetHandover.Result> results = handover.resolve(
        List.of(new OffsetHandover.Request(tp, committed, upstream <= committed ? sync : null, upstream <= committed ? null : sync)), () -> {});
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  private static TopicPartition topics(String topic) throws Exception {
    LocalTraffic.createTopic(clusters.admin("source"), topic, 1, Map.of());
    LocalTraffic.createTopic(clusters.admin("target"), topic, 1, Map.of());
    return new TopicPartition(topic, 0);
  }

  /** Source records {@code from} to {@code to - 1}: keys repeat, timestamps are the record's number. */
  private static List<ProducerRecord<String, String>> range(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> new ProducerRecord<>("", 0, T0 + i, "k" + (i % 5), "v" + i)).toList();
  }

  @SafeVarargs
  private static List<ProducerRecord<String, String>> concat(List<ProducerRecord<String, String>>... parts) {
    List<ProducerRecord<String, String>> all = new ArrayList<>();
    for (List<ProducerRecord<String, String>> p : parts) {
      all.addAll(p);
    }
    return all;
  }

  private static ProducerRecord<String, String> at(TopicPartition tp, ProducerRecord<String, String> r) {
    return new ProducerRecord<>(tp.topic(), tp.partition(), r.timestamp(), r.key(), r.value());
  }

  private static void write(String cluster, TopicPartition tp, List<ProducerRecord<String, String>> records) {
    try (KafkaProducer<String, String> p = producer(cluster, new Properties())) {
      for (ProducerRecord<String, String> r : records) {
        p.send(at(tp, r));
        p.flush(); // one record per batch, as a copy may be batched differently from its source
      }
    }
  }

  /** Writes transactions of {@code size} records on the source, aborting those {@code aborted} names; the committed records' offsets. */
  private static List<Long> writeTransactions(TopicPartition tp, int transactions, int size, IntPredicate aborted) throws Exception {
    List<Long> offsets = new ArrayList<>();
    try (KafkaProducer<String, String> p = transactional("oh-" + tp.topic())) {
      for (int t = 0; t < transactions; t++) {
        p.beginTransaction();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ProducerRecord<String, String> r : range(t * size, t * size + size)) {
          sent.add(p.send(at(tp, r)));
        }
        if (aborted.test(t)) {
          p.abortTransaction();
        } else {
          p.commitTransaction();
          for (var f : sent) {
            offsets.add(f.get().offset());
          }
        }
      }
    }
    return offsets;
  }

  private static KafkaProducer<String, String> transactional(String id) {
    Properties p = new Properties();
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
    KafkaProducer<String, String> producer = producer("source", p);
    producer.initTransactions();
    return producer;
  }

  private static KafkaProducer<String, String> producer(String cluster, Properties extra) {
    Properties p = new Properties();
    p.putAll(clusters.clientProperties(cluster));
    p.putAll(extra);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }
}
