package io.kmigrate.demo;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Records sent one by one; each is in the ledger once the broker acknowledged it. */
final class PlainSends implements Sends {
  private final Producer<String, String> producer;
  private final String topic;
  private final DeliveryLedger ledger;
  private final SendGaps gaps;

  PlainSends(Producer<String, String> producer, String topic, DeliveryLedger ledger, SendGaps gaps) {
    this.producer = producer;
    this.topic = topic;
    this.ledger = ledger;
    this.gaps = gaps;
  }

  @Override
  public boolean send(String key, long seq) {
    producer.send(new ProducerRecord<>(topic, key, Long.toString(seq)), (meta, error) -> {
      if (error == null) {
        gaps.acked(System.nanoTime());
        ledger.acknowledged(key, seq);
      }
    });
    return true;
  }

  @Override
  public void close() {
    producer.flush();
  }
}
