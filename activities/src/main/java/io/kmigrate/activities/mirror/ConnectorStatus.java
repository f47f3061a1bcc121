package io.kmigrate.activities.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A connector's state as Connect reports it, with its tasks. {@code trouble()} is what a person
 * must see: each failed part with its stack trace's first lines.
 */
public record ConnectorStatus(String name, String state, String trace, List<Task> tasks) {
  public record Task(int id, String state, String trace) {}

  static ConnectorStatus from(JsonNode body) {
    List<Task> tasks = new ArrayList<>();
    body.path("tasks").forEach(t -> tasks.add(new Task(t.path("id").asInt(), t.path("state").asText(), text(t.get("trace")))));
    JsonNode connector = body.path("connector");
    return new ConnectorStatus(body.path("name").asText(), connector.path("state").asText(), text(connector.get("trace")), tasks);
  }

  public boolean failed() {
    return "FAILED".equals(state) || tasks.stream().anyMatch(t -> "FAILED".equals(t.state()));
  }

  public String trouble() {
    StringBuilder out = new StringBuilder();
    if ("FAILED".equals(state)) {
      out.append("connector ").append(name).append(" FAILED: ").append(head(trace));
    }
    for (Task t : tasks) {
      if ("FAILED".equals(t.state())) {
        out.append(out.isEmpty() ? "" : "; ").append("task ").append(name).append("-").append(t.id()).append(" FAILED: ").append(head(t.trace()));
      }
    }
    return out.toString();
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  // The whole trace goes to the log; progress shows its first lines.
  private static String head(String trace) {
    if (trace == null) {
      return "(no trace)";
    }
    String[] lines = trace.split("\n");
    return String.join(" | ", Arrays.copyOf(lines, Math.min(4, lines.length))).trim();
  }
}
