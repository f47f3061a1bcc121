package io.kmigrate.workflows.contract;

/** What a repoint asks of a client group: connect to a cluster, or stop consuming. */
public enum RepointAction {
  POINT,
  STOP
}
