package io.kmigrate.workflows;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.workflows.contract.RepointAction;

/** A repoint the workflow made, remembered so an abort can undo it. */
record ClientMove(ClientGroup client, String cluster, RepointAction action) {}
