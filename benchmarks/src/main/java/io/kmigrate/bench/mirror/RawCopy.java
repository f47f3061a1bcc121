package io.kmigrate.bench.mirror;

import io.kmigrate.bench.FirstSendFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline: one consumer reading the source topic from its start and one producer writing each
 * record to the same partition of a topic on the target, as fast as kafka-clients go. The producer
 * keeps the guarantees of the producer Kafka Connect gives MirrorMaker 2 (acks=all, no idempotence,
 * one request in flight so a retry cannot reorder a partition, no compression); batching and
 * fetching are tuned for throughput.
 */
final class RawCopy {
  /** The settings the figures print next to the baseline. */
  static final Map<String, String> PRODUCER = Map.of(
      ProducerConfig.ACKS_CONFIG, "all",
      ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false",
      ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1",
      ProducerConfig.COMPRESSION_TYPE_CONFIG, "none",
      ProducerConfig.BATCH_SIZE_CONFIG, "262144",
      ProducerConfig.LINGER_MS_CONFIG, "5");
  static final Map<String, String> CONSUMER = Map.of(
      ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000",
      ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1",
      ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1048576",
      ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");

  private RawCopy() {}

  /** Copies {@code from} on the source to {@code to} on the target; returns once every record is acknowledged. */
  static void copy(Properties source, Properties target, String from, String to) {
    Properties c = new Properties();
    c.putAll(source);
    c.putAll(CONSUMER);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-raw-copy");
    Properties p = new Properties();
    p.putAll(target);
    p.putAll(PRODUCER);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-raw-copy");
    FirstSendFailure failed = new FirstSendFailure();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<TopicPartition> partitions = IntStream.range(0, consumer.partitionsFor(from).size())
          .mapToObj(i -> new TopicPartition(from, i)).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          producer.send(new ProducerRecord<>(to, r.partition(), r.timestamp(), r.key(), r.value(), r.headers()), failed);
        }
        if (failed.happened()) {
          break;
        }
      }
      producer.flush();
    }
    failed.throwIfAny("the raw copy to " + to);
  }
}
