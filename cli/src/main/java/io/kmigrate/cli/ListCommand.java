package io.kmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.cli.watch.ViewText;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", description = "Lists migrations, newest first; the options keep those that match.",
    footer = {"%nExamples:", "  kmigrate migrations list", "  kmigrate migrations list --gate producer-cutover",
        "  kmigrate migrations list --source old-cluster -o json"})
final class ListCommand extends ClientCommand {
  @Option(names = "--phase", description = "only those in this phase, e.g. drain-source")
  String phase;

  @Option(names = "--gate", description = "only those with this gate open, e.g. producer-cutover")
  String gate;

  @Option(names = "--source", description = "only those moving from this cluster")
  String source;

  @Option(names = "--target", description = "only those moving to this cluster")
  String target;

  @Mixin
  OutputOption output;

  ListCommand(Session session) {
    super(session);
  }

  @Override
  public Integer call() {
    Map<String, String> filter = new LinkedHashMap<>();
    filter.put("phase", phase);
    filter.put("gate", gate);
    filter.put("source", source);
    filter.put("target", target);
    JsonNode list = api().list(filter);
    if (output.json()) {
      printJson(list);
      return ExitCode.OK.code();
    }
    Table table = new Table("ID", "SCHEME", "STATUS", "CREATED", "UPDATED");
    for (JsonNode m : list) {
      table.row(m.path("id").asText(), m.path("scheme").asText(), m.path("status").asText(),
          ViewText.time(m.path("createdAt")), ViewText.time(m.path("updatedAt")));
    }
    if (table.isEmpty()) {
      session.out().println("no migrations" + (filter.values().stream().anyMatch(v -> v != null) ? " match" : " yet"));
    } else {
      table.lines().forEach(session.out()::println);
    }
    return ExitCode.OK.code();
  }
}
