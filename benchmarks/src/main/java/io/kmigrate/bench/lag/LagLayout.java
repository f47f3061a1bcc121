package io.kmigrate.bench.lag;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;

/**
 * What the benchmark writes: topics of {@value #PARTITIONS_PER_TOPIC} partitions (the last takes
 * the remainder), a few records in each, and every group committed on every partition below its
 * end, so each group-partition has a lag of its own between 1 and the partition's end offset.
 */
record LagLayout(int groups, int partitions) {
  static final int PARTITIONS_PER_TOPIC = 10;
  /** End offsets run from 10 to 50: enough to differ, few enough to write in a second. */
  private static final int MIN_END = 10;
  private static final int END_SPREAD = 41;

  List<NewTopic> topics() {
    List<NewTopic> out = new ArrayList<>();
    for (int first = 0; first < partitions; first += PARTITIONS_PER_TOPIC) {
      out.add(new NewTopic(topicName(first / PARTITIONS_PER_TOPIC), Math.min(PARTITIONS_PER_TOPIC, partitions - first), (short) 1));
    }
    return out;
  }

  List<String> topicNames() {
    return topics().stream().map(NewTopic::name).toList();
  }

  List<String> groupNames() {
    return IntStream.range(0, groups).mapToObj(g -> String.format("lag-group-%04d", g)).toList();
  }

  /** Partition number {@code i} of the whole layout, counted across topics. */
  TopicPartition partition(int i) {
    return new TopicPartition(topicName(i / PARTITIONS_PER_TOPIC), i % PARTITIONS_PER_TOPIC);
  }

  long endOffset(int i) {
    return MIN_END + i % END_SPREAD;
  }

  /** Below the end, so the lag is never zero, and spread so it differs by group and partition. */
  long committed(int group, int i) {
    return (group * 31L + i * 7L) % endOffset(i);
  }

  long records() {
    return IntStream.range(0, partitions).mapToLong(this::endOffset).sum();
  }

  /** The lag each group-partition must show, sorted as {@link LagRow}s are. */
  List<LagRow> expected() {
    List<String> names = groupNames();
    List<LagRow> out = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      for (int i = 0; i < partitions; i++) {
        TopicPartition tp = partition(i);
        out.add(new LagRow(names.get(g), tp.topic(), tp.partition(), endOffset(i) - committed(g, i)));
      }
    }
    return out.stream().sorted().toList();
  }

  String describe() {
    int topics = topics().size();
    String shape = partitions % PARTITIONS_PER_TOPIC == 0
        ? topics + " topics x " + PARTITIONS_PER_TOPIC + " partitions"
        : topics + " topics of up to " + PARTITIONS_PER_TOPIC + " partitions";
    return String.format("%d groups x %d partitions (%s), every group committed on every partition: %,d group-partitions,"
            + " %,d records, lag 1..%d each", groups, partitions, shape, (long) groups * partitions, records(), MIN_END + END_SPREAD - 1);
  }

  private static String topicName(int t) {
    return String.format("lag-topic-%03d", t);
  }
}
