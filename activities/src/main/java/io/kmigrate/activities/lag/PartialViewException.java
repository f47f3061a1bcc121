package io.kmigrate.activities.lag;

import io.kmigrate.activities.kafka.MissingTopicsException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * A poll that saw only part of what it must judge (a partition without an offset). Like a broker
 * that does not answer, it is no verdict: never read as zero lag, nor as "moved".
 */
public final class PartialViewException extends IllegalStateException {
  public PartialViewException(String message) {
    super(message);
  }

  /**
   * True when {@code e} means the cluster could not be read completely right now: a Kafka error
   * the client calls retriable (timeouts, disconnects, no leader, a topic the restarting broker
   * does not know yet), topics it does not list, or a partial view. A wait polls again instead of
   * judging; anything else is a fault of its own.
   */
  public static boolean means(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RetriableException || t instanceof MissingTopicsException || t instanceof PartialViewException) {
        return true;
      }
    }
    return false;
  }
}
