package io.kmigrate.activities.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where the next record a read_committed consumer reads lies, at or after a given offset. Offsets
 * alone overstate what a mirror has left to copy: a transaction's control marker, aborted records
 * or a cleaner's gaps can follow its last copied record, and a partition that ends in a commit
 * marker would otherwise never look copied.
 */
public final class NextReadable implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Duration budget;

  /** @param budget how long one {@link #from} call may read before leaving unsettled partitions as they are */
  public NextReadable(Properties client, Duration budget) {
    Properties p = ReadCommittedConsumers.properties(client, "kmigrate-next-readable");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "65536");
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.budget = budget;
  }

  /**
   * For each partition, the offset of the first record a read_committed consumer reads at or after
   * the given offset, or the last stable offset when it reads none before it. A partition not
   * settled within the budget (or no longer holding the offset) keeps the offset it came with.
   */
  public Map<TopicPartition, Long> from(Map<TopicPartition, Long> offsets) {
    Map<TopicPartition, Long> out = new HashMap<>(offsets);
    if (offsets.isEmpty()) {
      return out;
    }
    List<TopicPartition> open = new ArrayList<>(offsets.keySet());
    consumer.assign(open);
    consumer.resume(consumer.paused());
    offsets.forEach(consumer::seek);
    Map<TopicPartition, Long> stable = consumer.endOffsets(open, budget);
    long deadline = System.nanoTime() + budget.toNanos();
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      for (TopicPartition tp : List.copyOf(open)) {
        long position = consumer.position(tp, budget);
        if (position >= stable.get(tp)) {
          out.put(tp, Math.max(offsets.get(tp), stable.get(tp)));
          settle(open, tp);
        }
      }
      if (open.isEmpty()) {
        break;
      }
      try {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (open.contains(tp)) {
            out.put(tp, r.offset());
            settle(open, tp);
          }
        }
      } catch (OffsetOutOfRangeException gone) {
        // Retention took the offset: nothing to say for those partitions.
        gone.offsetOutOfRangePartitions().keySet().forEach(tp -> settle(open, tp));
      }
    }
    return out;
  }

  private void settle(List<TopicPartition> open, TopicPartition tp) {
    open.remove(tp);
    consumer.pause(List.of(tp));
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ZERO));
  }
}
