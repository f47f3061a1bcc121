package io.kmigrate.workflows.contract;

import io.kmigrate.config.ClientGroup;

/**
 * Point a client group at a cluster (by name; the activity resolves its bootstrap servers), or
 * tell it to stop ({@code cluster} is then the one it stops consuming from).
 */
public record RepointRequest(String migrationId, ClientGroup client, String cluster, RepointAction action) {
  public RepointRequest {
    action = action == null ? RepointAction.POINT : action;
  }

  public RepointRequest(String migrationId, ClientGroup client, String cluster) {
    this(migrationId, client, cluster, RepointAction.POINT);
  }
}
