package io.kmigrate.workflows.contract;

import io.kmigrate.config.ClientGroup;

/** Point a client group at a cluster (by name; the activity resolves its bootstrap servers). */
public record RepointRequest(String migrationId, ClientGroup client, String cluster) {}
