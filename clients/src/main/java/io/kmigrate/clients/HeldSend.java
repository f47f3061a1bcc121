package io.kmigrate.clients;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A send made while there was no cluster to send to (a switch under way, a stop route): kept, with
 * the application's callback, until it is handed to the next producer in the order it was made.
 * Its future completes as that producer's does.
 */
final class HeldSend<K, V> {
  private static final Logger log = LoggerFactory.getLogger(HeldSend.class);

  private final ProducerRecord<K, V> record;
  private final Callback callback;
  private final CompletableFuture<RecordMetadata> result = new CompletableFuture<>();

  HeldSend(ProducerRecord<K, V> record, Callback callback) {
    this.record = record;
    this.callback = callback;
  }

  String topic() {
    return record.topic();
  }

  /** What the application holds: cancelling or completing it does not touch the send. */
  Future<RecordMetadata> future() {
    return result.copy();
  }

  /**
   * Hands it to {@code producer}; a send that throws fails this one as KafkaProducer would
   * (callback, then future), and the exception is returned.
   */
  RuntimeException sendTo(Producer<K, V> producer) {
    try {
      producer.send(record, this::complete);
      return null;
    } catch (RuntimeException e) {
      complete(null, e);
      return e;
    }
  }

  void fail(Exception error) {
    complete(null, error);
  }

  private void complete(RecordMetadata meta, Exception error) {
    call(callback, meta, error);
    if (error != null) {
      result.completeExceptionally(error);
    } else {
      result.complete(meta);
    }
  }

  /** {@code callback}, run marked as a callback (see {@link RoutingProducer#IN_CALLBACK}); null stays null. */
  static Callback marked(Callback callback) {
    return callback == null ? null : (meta, error) -> call(callback, meta, error);
  }

  private static void call(Callback callback, RecordMetadata meta, Exception error) {
    if (callback == null) {
      return;
    }
    boolean outer = RoutingProducer.IN_CALLBACK.get();
    RoutingProducer.IN_CALLBACK.set(true);
    try {
      callback.onCompletion(meta, error);
    } catch (Throwable t) {
      // As KafkaProducer does: a callback's failure is logged and the others still run.
      log.error("a send callback threw", t);
    } finally {
      RoutingProducer.IN_CALLBACK.set(outer);
    }
  }
}
