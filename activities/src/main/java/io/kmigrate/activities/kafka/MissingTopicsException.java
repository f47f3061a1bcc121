package io.kmigrate.activities.kafka;

import java.util.List;

/** Topics a cluster does not have: named, so a caller can tell "deleted" from a fault. */
public final class MissingTopicsException extends IllegalStateException {
  private final List<String> topics;

  public MissingTopicsException(List<String> topics) {
    super("topic(s) " + topics + " not found on the cluster");
    this.topics = List.copyOf(topics);
  }

  public List<String> topics() {
    return topics;
  }
}
