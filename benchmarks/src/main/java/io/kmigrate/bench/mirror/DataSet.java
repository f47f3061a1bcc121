package io.kmigrate.bench.mirror;

import io.kmigrate.bench.FirstSendFailure;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The records both copies start from: {@code records} keyed records of {@code valueBytes} random
 * (incompressible) bytes on {@code partitions} partitions of one source topic, written once.
 */
record DataSet(String topic, int partitions, int records, int valueBytes) {
  /** Keys such as {@code customer-004711}: 100,000 distinct ones, as an entity id would be. */
  static final int KEY_BYTES = "customer-000000".length();

  long bytes() {
    return (long) records * (KEY_BYTES + valueBytes);
  }

  /** Writes the records to the topic (which must exist) and waits until every one is acknowledged. */
  void write(Properties source) {
    Properties p = new Properties();
    p.putAll(source);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
    SplittableRandom random = new SplittableRandom(records);
    FirstSendFailure failed = new FirstSendFailure();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < records; i++) {
        byte[] key = String.format("customer-%06d", random.nextInt(100_000)).getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[valueBytes];
        random.nextBytes(value);
        producer.send(new ProducerRecord<>(topic, key, value), failed);
      }
      producer.flush();
    }
    failed.throwIfAny("writing the data set to " + topic);
  }
}
