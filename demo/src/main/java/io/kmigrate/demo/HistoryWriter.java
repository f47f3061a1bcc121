package io.kmigrate.demo;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the stored messages a mirror must carry: keyed records in per-key sequence, as fast as
 * the broker takes them, counted in the ledger like the live producer's so a record the copy
 * loses shows up as lost.
 */
final class HistoryWriter {
  private HistoryWriter() {}

  static void write(String servers, String topic, int records, int keys, DeliveryLedger ledger) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "demo-history");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    Map<String, Long> seqs = new HashMap<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < records; i++) {
        String key = "history-" + (i % keys);
        long seq = seqs.merge(key, 1L, Long::sum);
        producer.send(new ProducerRecord<>(topic, key, Long.toString(seq)), (meta, error) -> {
          if (error == null) {
            ledger.acknowledged(key, seq);
          }
        });
      }
      producer.flush();
    }
  }
}
