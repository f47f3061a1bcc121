package io.kmigrate.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.cli.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration's view as people read it: status and phase, the steps as a timeline, the open gate
 * with the commands that decide it, and the lag per group (as bars when a {@link LagBars} is given).
 */
public final class ViewText {
  private static final int DETAIL_MAX = 70;

  private ViewText() {}

  public static List<String> lines(JsonNode view, LagBars bars) {
    JsonNode p = view.path("progress");
    String id = view.path("id").asText();
    List<String> out = new ArrayList<>();
    out.add(String.format("%s  %s  %s  phase %s", id, p.path("scheme").asText("-"), p.path("status").asText(view.path("workflowStatus").asText("-")),
        p.path("phase").asText("-")));
    if (p.path("topics").size() > 0) {
      List<String> topics = new ArrayList<>();
      p.path("topics").forEach(t -> topics.add(t.asText()));
      out.add("topics: " + String.join(", ", topics));
    }
    Table steps = new Table("STEP", "STATUS", "STARTED", "ENDED", "DETAIL");
    for (JsonNode s : p.path("steps")) {
      steps.row(s.path("name").asText(), s.path("status").asText(), time(s.path("startedAt")), time(s.path("endedAt")),
          cut(s.path("detail").asText("")));
    }
    if (!steps.isEmpty()) {
      out.add("");
      steps.lines().forEach(l -> out.add("  " + l));
    }
    gate(id, p.path("openGate"), out);
    LiveFigures live = LiveFigures.of(view);
    if (live.known() && !MigrationOutcome.of(view).ended()) {
      out.add("");
      out.add((live.measured() ? "drain: " : "lag: ") + live.describe());
      if (bars != null) {
        bars.render(live.groups()).forEach(l -> out.add("  " + l));
      } else {
        live.groups().forEach(g -> out.add(String.format("  %-30s lag %,d%s", g.group(), g.lag(),
            g.consumePerSec() == null ? "" : ", " + LiveFigures.etaText(g.etaSeconds()))));
      }
    }
    String failure = p.path("failure").asText("");
    if (!failure.isEmpty()) {
      out.add("");
      out.add("failure: " + failure);
    }
    if (!view.path("storeProblem").asText("").isEmpty()) {
      out.add("note: " + view.path("storeProblem").asText());
    }
    return out;
  }

  private static void gate(String id, JsonNode gate, List<String> out) {
    if (!gate.isObject()) {
      return;
    }
    String name = gate.path("name").asText();
    out.add("");
    out.add("gate open: " + name + " (since " + time(gate.path("openedAt")) + ")");
    out.add("  " + gate.path("question").asText());
    out.add("  approve: " + gate.path("approveMeans").asText());
    out.add("  reject:  " + gate.path("rejectMeans").asText());
    out.add("  decide:  kmigrate approve " + id + " " + name + " -m 'why'   |   kmigrate reject " + id + " " + name + " -m 'why'");
  }

  /** An ISO instant (or seconds since the epoch) as {@code 2026-12-06 14:03:10Z}; anything else as it came. */
  public static String time(JsonNode at) {
    if (at.isNumber()) {
      // Jackson's default for an Instant: seconds since the epoch, with a fraction.
      at = new com.fasterxml.jackson.databind.node.TextNode(java.time.Instant.ofEpochMilli(Math.round(at.asDouble() * 1000)).toString());
    }
    String t = at.asText("");
    if (t.isEmpty() || at.isNull()) {
      return "-";
    }
    int dot = t.indexOf('.');
    String whole = dot > 0 && t.endsWith("Z") ? t.substring(0, dot) + "Z" : t;
    return whole.replace('T', ' ');
  }

  private static String cut(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() > DETAIL_MAX ? one.substring(0, DETAIL_MAX - 3) + "..." : one;
  }
}
