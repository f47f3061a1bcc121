package io.kmigrate.workflows.contract;

import java.util.List;

/**
 * Verify producers left {@code source} for {@code target}: source end offsets stop advancing
 * for stableFor and the target's advance. Writes to the source after {@code graceMs} name a
 * producer that did not move.
 */
public record ProducersMovedRequest(
    String source, String target, List<String> topics, List<String> clients, WaitSettings waits, long graceMs) {
  public ProducersMovedRequest {
    topics = List.copyOf(topics);
    clients = List.copyOf(clients);
  }
}
