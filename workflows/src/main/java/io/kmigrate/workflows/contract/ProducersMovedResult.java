package io.kmigrate.workflows.contract;

import java.util.List;

/**
 * Verdict on producers. {@code moved} only when the source stopped and nothing writes there; an
 * idle application (no traffic anywhere) is {@code moved} with {@code trafficSeen} false.
 */
public record ProducersMovedResult(
    boolean moved, boolean trafficSeen, long targetRecords, List<String> clients, List<StrayWrite> strays) {
  public ProducersMovedResult {
    clients = List.copyOf(clients);
    strays = List.copyOf(strays);
  }
}
