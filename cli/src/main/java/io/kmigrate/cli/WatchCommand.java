package io.kmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.cli.api.ApiFailure;
import io.kmigrate.cli.api.KmigrateApi;
import io.kmigrate.cli.watch.LagBars;
import io.kmigrate.cli.watch.LogScreen;
import io.kmigrate.cli.watch.MigrationOutcome;
import io.kmigrate.cli.watch.Screen;
import io.kmigrate.cli.watch.TerminalScreen;
import io.kmigrate.cli.watch.TerminalWidth;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "watch", sortOptions = false,
    description = {"Follows a migration until it ends, with each group's lag as a bar and the drain's ETA.",
        "Phase, steps, the open gate and the lag are redrawn in place on a terminal; in a pipe or log, a line per change. "
            + "Exits with the migration's outcome, 0 completed, 1 failed, aborted or cancelled, so a script or CI job can wait on it. "
            + "Ctrl-C stops watching; the migration goes on."},
    footer = {"%nExamples:",
        "  kmigrate migrations watch orders-move",
        "  kmigrate migrations watch orders-move --until-gate     # exit 0 once a gate opens",
        "  kmigrate migrations watch orders-move --until-gate=consumer-cutover -o json"})
final class WatchCommand extends ClientCommand {
  /** --until-gate with no name: any gate. */
  private static final String ANY_GATE = "*";
  /** The widest a bar's line gets, on a wide terminal. */
  private static final int BAR_WIDTH = 120;

  @Parameters(index = "0", paramLabel = "ID", description = "the migration's id (its plan's name)")
  String id;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
      description = "how often to read the migration (default: ${DEFAULT-VALUE})")
  Duration interval;

  @Option(names = "--until-gate", paramLabel = "GATE", arity = "0..1", fallbackValue = ANY_GATE,
      description = "stop watching, exit 0, when GATE (any gate if none is named) is open")
  String untilGate;

  @Mixin
  OutputOption output;

  WatchCommand(Session session) {
    super(session);
  }

  @Override
  public Integer call() throws InterruptedException {
    KmigrateApi api = api();
    int width = session.terminal() ? Math.min(BAR_WIDTH, TerminalWidth.columns() - 2) : BAR_WIDTH;
    try (LagBars bars = new LagBars(width)) {
      Screen screen = session.terminal() && !output.json()
          ? new TerminalScreen(session.out(), bars, "every " + interval.toMillis() / 1000.0 + " s from " + api.base()
              + " · Ctrl-C stops watching; the migration goes on")
          : new LogScreen(output.json() ? session.err() : session.out());
      while (true) {
        JsonNode view;
        try {
          view = api.view(id);
        } catch (ApiFailure f) {
          if (f.exitCode() != ExitCode.UNAVAILABLE) {
            throw f; // 401, 403, 404: waiting will not change it
          }
          screen.note("no answer: " + f.getMessage() + "; trying again in " + interval.toSeconds() + " s");
          Thread.sleep(interval.toMillis());
          continue;
        }
        screen.show(view);
        MigrationOutcome outcome = MigrationOutcome.of(view);
        String gate = view.path("progress").path("openGate").path("name").asText("");
        if (outcome.ended()) {
          finish(view, "migration " + id + " ended: " + outcome.status());
          return outcome.exitCode().code();
        }
        if (untilGate != null && !gate.isEmpty() && (untilGate.equals(ANY_GATE) || untilGate.equals(gate))) {
          finish(view, "gate " + gate + " is open: kmigrate approve " + id + " " + gate + " -m 'why'");
          return ExitCode.OK.code();
        }
        Thread.sleep(interval.toMillis());
      }
    }
  }

  private void finish(JsonNode view, String line) {
    if (output.json()) {
      printJson(view);
      session.err().println(line);
    } else {
      session.out().println(line);
    }
  }
}
