package io.kmigrate.workflows.contract;

import java.util.List;

/** The connectors deleted (those already gone are not listed). */
public record MirrorStopped(List<String> deleted) {
  public MirrorStopped {
    deleted = List.copyOf(deleted);
  }
}
