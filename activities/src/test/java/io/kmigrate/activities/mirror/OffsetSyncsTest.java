package io.kmigrate.activities.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.OffsetSync;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Translation as MirrorMaker's checkpoints make it: never ahead, at most the records since the last sync again. */
class OffsetSyncsTest {
  static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
  OffsetSyncs syncs;

  @BeforeEach
  void syncsEvery100Records() {
    Properties nowhere = new Properties();
    nowhere.put("bootstrap.servers", "127.0.0.1:1"); // never read: syncs are added by hand
    syncs = new OffsetSyncs(nowhere, "mm2-offset-syncs.source.internal");
    // The source log started at 1000 when the mirror began: target offset 0 holds source offset 1000.
    syncs.add(new OffsetSync(ORDERS_0, 1000, 0));
    syncs.add(new OffsetSync(ORDERS_0, 1100, 100));
  }

  @AfterEach
  void close() {
    syncs.close();
  }

  @Test
  void anOffsetOfASyncedRecordTranslatesExactly() {
    assertThat(syncs.translate(ORDERS_0, 1100)).hasValue(100);
  }

  @Test
  void anOffsetPastTheLastSyncTranslatesToTheRecordAfterIt() {
    // A consumer resumes right after the synced record and reads records 1101..1149 again.
    assertThat(syncs.translate(ORDERS_0, 1150)).hasValue(101);
  }

  @Test
  void theHandoverReadsFromTheSyncsBelowAndAboveAnOffset() {
    assertThat(syncs.below(ORDERS_0, 1040)).hasValue(new OffsetSyncs.Sync(1000, 0));
    assertThat(syncs.above(ORDERS_0, 1040)).hasValue(new OffsetSyncs.Sync(1100, 100));
    assertThat(syncs.above(ORDERS_0, 1100)).isEmpty();
    assertThat(syncs.below(ORDERS_0, 5)).isEmpty();
    assertThat(syncs.above(ORDERS_0, 5)).hasValue(new OffsetSyncs.Sync(1000, 0));
  }

  @Test
  void aSyncThatStartsAnotherCopyOfThePartitionDropsTheSyncsOfTheOldOne() {
    // The topic mirrored again (a second migration): MirrorMaker copies from the log start once more, after the first copy.
    syncs.add(new OffsetSync(ORDERS_0, 1000, 200));

    assertThat(syncs.below(ORDERS_0, 1100)).hasValue(new OffsetSyncs.Sync(1000, 200));
    assertThat(syncs.above(ORDERS_0, 1000)).isEmpty();
    assertThat(syncs.translate(ORDERS_0, 1100)).hasValue(201);
  }

  @Test
  void anOffsetBeforeEverySyncCannotBeTranslated() {
    assertThat(syncs.translate(ORDERS_0, 999)).isEmpty();
    assertThat(syncs.translate(new TopicPartition("orders", 1), 5)).isEmpty();
  }
}
