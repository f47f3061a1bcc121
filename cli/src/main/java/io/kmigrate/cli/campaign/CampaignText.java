package io.kmigrate.cli.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.cli.Table;
import java.util.ArrayList;
import java.util.List;

/** A campaign's view as people read it: its status and open wave, then every unit by wave. */
public final class CampaignText {
  private CampaignText() {}

  public static List<String> lines(JsonNode view) {
    JsonNode p = view.path("progress");
    String id = view.path("id").asText();
    List<String> out = new ArrayList<>();
    out.add(id + "  campaign  " + p.path("status").asText() + "  on failure " + p.path("onFailure").asText());
    Table units = new Table("WAVE", "UNIT", "SCHEME", "STATUS", "PHASE", "GATE", "DETAIL");
    JsonNode waves = p.path("waves");
    for (int w = 0; w < waves.size(); w++) {
      for (JsonNode u : waves.get(w)) {
        JsonNode now = view.path("units").path(u.path("unit").asText());
        units.row(w + 1, u.path("unit").asText(), u.path("scheme").asText(), u.path("status").asText(),
            now.path("phase").asText(""), now.path("openGate").asText(""), u.path("detail").asText(""));
      }
    }
    out.add("");
    units.lines().forEach(l -> out.add("  " + l));
    if (p.path("openWave").isNumber()) {
      int wave = p.path("openWave").asInt();
      out.add("");
      out.add("wave " + wave + " is waiting for approval (since " + p.path("waveOpenedAt").asText() + ")");
      out.add("  decide:  kmigrate campaigns approve " + id + " " + wave + " -m 'why' [--skip UNIT]   |   kmigrate campaigns stop " + id + " "
          + wave + " -m 'why'");
    }
    for (JsonNode u : view.path("units")) {
      if (!u.path("openGate").asText("").isEmpty()) {
        out.add("a unit waits at its own gate: kmigrate migrations show UNIT says what it asks");
        break;
      }
    }
    return out;
  }
}
