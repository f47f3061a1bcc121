package io.kmigrate.demo;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;

/**
 * Writes the stored messages a mirror must carry: keyed records in per-key sequence, as fast as
 * the broker takes them, counted in the ledger like the live producer's so a record the copy
 * loses shows up as lost. {@code records} counts the committed ones.
 */
final class HistoryWriter {
  private HistoryWriter() {}

  static void write(String servers, String topic, int records, int keys, DeliveryLedger ledger) {
    write(servers, topic, records, keys, ledger, false, Map.of());
  }

  /**
   * With {@code transactional}: in transactions of 100 records, every tenth aborted (see
   * {@link TransactionalSends}); {@code clientProperties} log in on a secured cluster.
   */
  static void write(String servers, String topic, int records, int keys, DeliveryLedger ledger, boolean transactional,
      Map<String, String> clientProperties) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "demo-history");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    Map<String, Long> seqs = new HashMap<>();
    int written = 0;
    int restarts = 0;
    while (written < records) {
      Properties withId = new Properties();
      withId.putAll(p);
      if (transactional) {
        withId.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "demo-history-" + topic);
      }
      SendGaps unmeasured = new SendGaps();
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(withId);
          Sends sends = transactional ? new TransactionalSends(producer, topic, ledger, unmeasured, 100)
              : new PlainSends(producer, topic, ledger, unmeasured)) {
        for (int i = written; written < records; i++) {
          String key = "history-" + (i % keys);
          long seq = seqs.getOrDefault(key, 0L) + 1;
          if (sends.send(key, seq)) {
            seqs.put(key, seq); // one in a transaction that then fails is not reused: a gap in the ledger, not a loss
            written++;
          }
        }
      } catch (KafkaException e) {
        // A transactional producer's fatal error (the local broker has answered InvalidTxnState to a
        // produce right after an abort): its open transaction never commits, so none of its records
        // is in the ledger; a new producer under the same transactional id fences it and goes on.
        if (!transactional || ++restarts > 3) {
          throw e;
        }
        LoggerFactory.getLogger(HistoryWriter.class).warn("history of {}: transactional producer failed ({}); a new one goes on", topic,
            e.getMessage());
      }
    }
  }
}
