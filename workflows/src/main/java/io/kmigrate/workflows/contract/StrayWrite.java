package io.kmigrate.workflows.contract;

import java.util.List;

/** A source partition still written to after the switch, with the producer ids writing it. */
public record StrayWrite(String topic, int partition, long recordsSinceSwitch, List<Long> producerIds) {
  public StrayWrite {
    producerIds = List.copyOf(producerIds);
  }
}
