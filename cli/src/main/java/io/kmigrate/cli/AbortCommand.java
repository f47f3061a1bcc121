package io.kmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.cli.api.KmigrateApi;
import picocli.CommandLine.Command;

@Command(name = "abort", description = {"Aborts a running migration: it rolls back what moved and reports what stays on the target.",
    "Follow the rollback with 'kmigrate migrations watch ID' (exit 1 once it ended aborted)."},
    footer = {"%nExample:", "  kmigrate abort orders-move -m 'target cluster degraded'"})
final class AbortCommand extends AbortingCommand {
  AbortCommand(Session session) {
    super(session);
  }

  @Override
  JsonNode abort(KmigrateApi api, String who) {
    return api.abort(id, who, reason);
  }
}
