package io.kmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.cli.watch.ViewText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "audit", description = "Shows who started, decided and aborted a migration: when, from where, why; oldest first.",
    footer = {"%nExample:", "  kmigrate migrations audit orders-move"})
final class AuditCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "the migration's id (its plan's name)")
  String id;

  @Mixin
  OutputOption output;

  AuditCommand(Session session) {
    super(session);
  }

  @Override
  public Integer call() {
    JsonNode entries = api().audit(id);
    if (output.json()) {
      printJson(entries);
      return ExitCode.OK.code();
    }
    Table table = new Table("AT", "ACTION", "GATE", "BY", "FROM", "COMMENT");
    for (JsonNode e : entries) {
      table.row(ViewText.time(e.path("at")), e.path("action").asText(), e.path("gate").asText(""), e.path("by").asText(),
          e.path("source").asText(""), e.path("comment").asText(""));
    }
    table.lines().forEach(session.out()::println);
    return ExitCode.OK.code();
  }
}
