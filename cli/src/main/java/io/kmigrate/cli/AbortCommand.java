package io.kmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "abort", description = {"Aborts a running migration: it rolls back what moved and reports what stays on the target.",
    "Follow the rollback with 'kmigrate migrations watch ID' (exit 1 once it ended aborted)."},
    footer = {"%nExample:", "  kmigrate abort orders-move -m 'target cluster degraded'"})
final class AbortCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "the migration's id (its plan's name)")
  String id;

  @Option(names = {"-m", "--message"}, required = true, paramLabel = "REASON", description = "why: kept in the audit log")
  String reason;

  @Option(names = "--by", paramLabel = "NAME",
      description = "who aborts, when the API runs open (default: $USER); with a token the API names the token's user")
  String by;

  @Mixin
  OutputOption output;

  AbortCommand(Session session) {
    super(session);
  }

  @Override
  public Integer call() {
    JsonNode answer = api().abort(id, caller(by), reason);
    if (output.json()) {
      printJson(answer);
    } else {
      session.out().println(id + ": " + answer.path("result").asText());
    }
    return ExitCode.OK.code();
  }
}
