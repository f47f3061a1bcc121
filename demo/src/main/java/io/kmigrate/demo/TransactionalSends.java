package io.kmigrate.demo;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
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

  private final Producer<String, String> producer;
  private final String topic;
  private final DeliveryLedger ledger;
  private final SendGaps gaps;
  private final int recordsPerTransaction;
  private final List<String> pendingKeys = new ArrayList<>();
  private final List<Long> pendingSeqs = new ArrayList<>();
  private long transactions;
  private int inTransaction;
  private boolean open;

  /** On {@code producer}, configured with its {@code transactional.id}. */
  TransactionalSends(Producer<String, String> producer, String topic, DeliveryLedger ledger, SendGaps gaps, int recordsPerTransaction) {
    this.producer = producer;
    this.topic = topic;
    this.ledger = ledger;
    this.gaps = gaps;
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
    producer.send(new ProducerRecord<>(topic, key, aborting ? ABORTED_VALUE_PREFIX + transactions : Long.toString(seq)), (meta, error) -> {
      if (error == null) {
        gaps.acked(System.nanoTime());
      }
    });
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
    if (open) {
      end();
    }
  }
}
