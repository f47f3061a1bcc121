package io.kmigrate.demo;

import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Records sent one by one; each is in the ledger once the broker acknowledged it. */
final class PlainSends implements Sends {
  private final KafkaProducer<String, String> producer;
  private final String topic;
  private final DeliveryLedger ledger;

  PlainSends(Properties producerProps, String topic, DeliveryLedger ledger) {
    this.producer = new KafkaProducer<>(producerProps);
    this.topic = topic;
    this.ledger = ledger;
  }

  @Override
  public boolean send(String key, long seq) {
    producer.send(new ProducerRecord<>(topic, key, Long.toString(seq)), (meta, error) -> {
      if (error == null) {
        ledger.acknowledged(key, seq);
      }
    });
    return true;
  }

  @Override
  public void close() {
    producer.flush();
    producer.close();
  }
}
