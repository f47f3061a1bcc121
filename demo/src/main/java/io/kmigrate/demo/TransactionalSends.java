package io.kmigrate.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records sent in transactions of a fixed size, every tenth transaction aborted: the partitions
 * hold control markers and aborted records between the committed ones, as a transactional
 * application's do. A committed record is in the ledger once its transaction committed; an
 * aborted one carries the value {@code aborted-<transaction>} and no sequence, so a consumer that
 * reads it is caught ({@link DeliveryLedger#consumedAborted}).
 */
final class TransactionalSends implements Sends {
  static final String ABORTED_VALUE_PREFIX = "aborted-";
  private static final int ABORT_EVERY = 10;

  private final KafkaProducer<String, String> producer;
  private final String topic;
  private final DeliveryLedger ledger;
  private final int recordsPerTransaction;
  private final List<String> pendingKeys = new ArrayList<>();
  private final List<Long> pendingSeqs = new ArrayList<>();
  private long transactions;
  private int inTransaction;
  private boolean open;

  TransactionalSends(Properties producerProps, String transactionalId, String topic, DeliveryLedger ledger, int recordsPerTransaction) {
    Properties p = new Properties();
    p.putAll(producerProps);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    this.producer = new KafkaProducer<>(p);
    this.topic = topic;
    this.ledger = ledger;
    this.recordsPerTransaction = recordsPerTransaction;
    producer.initTransactions();
  }

  private boolean aborting() {
    return transactions % ABORT_EVERY == ABORT_EVERY - 1;
  }

  @Override
  public boolean send(String key, long seq) {
    if (!open) {
      producer.beginTransaction();
      open = true;
    }
    boolean aborting = aborting();
    producer.send(new ProducerRecord<>(topic, key, aborting ? ABORTED_VALUE_PREFIX + transactions : Long.toString(seq)));
    if (!aborting) {
      pendingKeys.add(key);
      pendingSeqs.add(seq);
    }
    if (++inTransaction == recordsPerTransaction) {
      end();
    }
    return !aborting;
  }

  /**
   * Commits the transaction (its records go into the ledger) or aborts it. A commit that fails
   * throws: its records are not counted as produced, and the producer stops, which the demo shows.
   */
  private void end() {
    try {
      if (aborting()) {
        producer.abortTransaction();
        ledger.abortedSent(inTransaction);
      } else {
        producer.commitTransaction();
        for (int i = 0; i < pendingKeys.size(); i++) {
          ledger.acknowledged(pendingKeys.get(i), pendingSeqs.get(i));
        }
      }
    } finally {
      pendingKeys.clear();
      pendingSeqs.clear();
      inTransaction = 0;
      open = false;
      transactions++;
    }
  }

  @Override
  public void close() {
    try {
      if (open) {
        end();
      }
    } finally {
      producer.close();
    }
  }
}
