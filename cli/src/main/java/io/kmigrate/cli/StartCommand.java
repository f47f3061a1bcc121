package io.kmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "start", description = {"Starts the migration a plan describes (YAML or JSON).",
    "The server checks the plan first: a plan with problems starts nothing, and each problem is printed by field (exit 3)."},
    footer = {"%nExamples:", "  kmigrate migrations start orders-move.yaml", "  kmigrate migrations start - < plan.json",
        "  kmigrate plan validate orders-move.yaml     # the same checks, offline, before starting"})
final class StartCommand extends ClientCommand {
  /** Plans above this are refused here rather than sent: the API refuses bodies above 1 MiB. */
  private static final long PLAN_MAX_BYTES = 1 << 20;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PLAN", description = "the plan's file, or - to read it from standard input")
  String plan;

  @Mixin
  OutputOption output;

  StartCommand(Session session) {
    super(session);
  }

  @Override
  public Integer call() throws IOException {
    String text = read();
    String type = plan.endsWith(".json") || text.stripLeading().startsWith("{") ? "application/json" : "application/yaml";
    JsonNode started = api().start(text, type);
    if (output.json()) {
      printJson(started);
    } else {
      String id = started.path("id").asText();
      session.out().println("started " + id + " (" + started.path("workflowType").asText() + ", run " + started.path("runId").asText() + ")");
      session.out().println("follow it: kmigrate migrations watch " + id);
    }
    return ExitCode.OK.code();
  }

  private String read() throws IOException {
    byte[] bytes;
    if (plan.equals("-")) {
      bytes = System.in.readNBytes((int) PLAN_MAX_BYTES + 1);
    } else {
      Path file = Path.of(plan);
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new ParameterException(spec.commandLine(), "PLAN: no such readable file: " + plan);
      }
      if (Files.size(file) > PLAN_MAX_BYTES) {
        throw new ParameterException(spec.commandLine(), "PLAN: " + plan + " is over 1 MiB, more than the API accepts");
      }
      bytes = Files.readAllBytes(file);
    }
    if (bytes.length > PLAN_MAX_BYTES) {
      throw new ParameterException(spec.commandLine(), "PLAN: standard input is over 1 MiB, more than the API accepts");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
