package io.kmigrate.activities.mirror;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one of MirrorMaker's internal topics from its beginning and, on each call, on from where
 * the previous call stopped: a wait that polls for minutes reads each record once.
 */
final class TopicFollower implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private boolean assigned;

  TopicFollower(Properties client, String topic) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "kmigrate-" + topic);
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
  }

  /** Hands every record written since the last call to {@code each}; false while the topic does not exist yet. */
  boolean readNew(Consumer<ConsumerRecord<byte[], byte[]>> each) {
    if (!assigned && !assign()) {
      return false;
    }
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(15));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("reading " + topic + " did not reach its end in 30 s");
      }
      consumer.poll(Duration.ofMillis(500)).forEach(each);
    }
    return true;
  }

  private boolean assign() {
    List<PartitionInfo> info = consumer.partitionsFor(topic, Duration.ofSeconds(15));
    if (info == null || info.isEmpty()) {
      return false;
    }
    List<TopicPartition> partitions = info.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    assigned = true;
    return true;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
