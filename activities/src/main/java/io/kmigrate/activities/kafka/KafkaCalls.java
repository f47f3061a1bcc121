package io.kmigrate.activities.kafka;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaFuture;

/** Unwraps Kafka futures so activities see the broker's own exception, not ExecutionException. */
public final class KafkaCalls {
  private KafkaCalls() {}

  public static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    }
  }
}
