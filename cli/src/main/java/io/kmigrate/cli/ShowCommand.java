package io.kmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.cli.watch.ViewText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "Shows a migration once: status, phase, steps, the open gate and the lag per group.",
    footer = {"%nExamples:", "  kmigrate migrations show orders-move", "  kmigrate migrations show orders-move -o json | jq .progress.openGate"})
final class ShowCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "the migration's id (its plan's name)")
  String id;

  @Mixin
  OutputOption output;

  ShowCommand(Session session) {
    super(session);
  }

  @Override
  public Integer call() {
    JsonNode view = api().view(id);
    if (output.json()) {
      printJson(view);
    } else {
      ViewText.lines(view, null).forEach(session.out()::println);
    }
    return ExitCode.OK.code();
  }
}
