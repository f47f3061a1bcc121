package io.kmigrate.workflows.contract;

import java.util.List;

/** Where the mirror runs ({@code connect}: the Connect REST URL) and its connectors' names. */
public record MirrorStarted(String connect, List<String> connectors) {
  public MirrorStarted {
    connectors = List.copyOf(connectors);
  }
}
