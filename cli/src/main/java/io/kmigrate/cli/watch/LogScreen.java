package io.kmigrate.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * A pipe or a CI log: a line each time the status, phase or gate changes, and while only the lag
 * and ETA move, at most one every {@link #FIGURES_EVERY}: a drain of days does not fill the log.
 */
public final class LogScreen implements Screen {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private final PrintStream out;
  static final Duration FIGURES_EVERY = Duration.ofSeconds(30);
  private String last = "";
  private String lastStage = "";
  private long lastPrintedNanos;

  public LogScreen(PrintStream out) {
    this.out = out;
  }

  @Override
  public void show(JsonNode view) {
    String line = summary(view);
    String stage = stage(view);
    boolean figuresDue = System.nanoTime() - lastPrintedNanos >= FIGURES_EVERY.toNanos();
    if (!stage.equals(lastStage) || (!line.equals(last) && figuresDue)) {
      out.println(LocalTime.now().format(CLOCK) + "  " + line);
      last = line;
      lastStage = stage;
      lastPrintedNanos = System.nanoTime();
    }
  }

  @Override
  public void note(String text) {
    out.println(LocalTime.now().format(CLOCK) + "  " + text);
    lastStage = "";
  }

  private static String stage(JsonNode view) {
    JsonNode p = view.path("progress");
    return MigrationOutcome.of(view).status() + "|" + p.path("phase").asText() + "|" + p.path("openGate").path("name").asText();
  }

  /** "WAITING_FOR_APPROVAL  phase gate:producer-cutover  gate producer-cutover  lag 0". */
  static String summary(JsonNode view) {
    JsonNode p = view.path("progress");
    StringBuilder b = new StringBuilder(MigrationOutcome.of(view).status()).append("  phase ").append(p.path("phase").asText("-"));
    String gate = p.path("openGate").path("name").asText("");
    if (!gate.isEmpty()) {
      b.append("  gate ").append(gate);
    }
    LiveFigures live = LiveFigures.of(view);
    if (live.known() && !MigrationOutcome.of(view).ended()) {
      b.append("  ").append(live.measured() ? live.describe() : String.format("lag %,d", live.totalLag()));
    }
    String failure = p.path("failure").asText("");
    if (!failure.isEmpty()) {
      b.append("  failure: ").append(failure.replaceAll("\\s+", " "));
    }
    return b.toString();
  }
}
