package io.kmigrate.bench;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The first failure among a producer's asynchronous sends: a bench that writes its fixture or
 * copies records must stop rather than measure a partial set. Pass it as each send's callback.
 */
public final class FirstSendFailure implements Callback {
  private final AtomicReference<Exception> first = new AtomicReference<>();

  @Override
  public void onCompletion(RecordMetadata metadata, Exception e) {
    if (e != null) {
      first.compareAndSet(null, e);
    }
  }

  public boolean happened() {
    return first.get() != null;
  }

  /** Throws "{@code what} failed" with the first failure as its cause, if a send failed; call after flush. */
  public void throwIfAny(String what) {
    if (first.get() != null) {
      throw new IllegalStateException(what + " failed", first.get());
    }
  }
}
