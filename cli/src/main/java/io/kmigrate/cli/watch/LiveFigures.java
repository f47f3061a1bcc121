package io.kmigrate.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The lag and drain figures of a migration's view: per group and in total. A drain's heartbeat
 * ({@code liveWait.eta}) has rates and ETAs; other waits' heartbeats ({@code liveWait.last}) and
 * the progress' last snapshot ({@code progress.lastLag}) have the lag only.
 *
 * @param measured whether the rates come from a drain's polls (else only lags are known)
 */
public record LiveFigures(long totalLag, Double consumePerSec, Double producePerSec, Long etaSeconds, boolean measured, List<GroupLag> groups) {
  public static LiveFigures of(JsonNode view) {
    JsonNode eta = view.path("liveWait").path("eta");
    if (eta.isObject()) {
      List<GroupLag> groups = new ArrayList<>();
      for (JsonNode g : eta.path("groups")) {
        groups.add(new GroupLag(g.path("group").asText(), g.path("lag").asLong(),
            g.path("consumePerSec").asDouble(), g.path("producePerSec").asDouble(), optionalLong(g.path("etaSeconds"))));
      }
      return new LiveFigures(eta.path("lag").asLong(), eta.path("consumePerSec").asDouble(), eta.path("producePerSec").asDouble(),
          optionalLong(eta.path("etaSeconds")), true, groups);
    }
    JsonNode snapshot = view.path("liveWait").path("last");
    if (!snapshot.isObject()) {
      snapshot = view.path("progress").path("lastLag");
    }
    if (!snapshot.isObject()) {
      return new LiveFigures(0, null, null, null, false, List.of());
    }
    List<GroupLag> groups = new ArrayList<>();
    long total = 0;
    for (JsonNode g : snapshot.path("groups")) {
      groups.add(new GroupLag(g.path("group").asText(), g.path("lag").asLong(), null, null, null));
      total += g.path("lag").asLong();
    }
    return new LiveFigures(total, null, null, null, false, groups);
  }

  public boolean known() {
    return !groups.isEmpty();
  }

  /** "lag 1,200 · consuming 300/s · producing 100/s · drained in about 2m 06s", or the lag alone when no rates are measured. */
  public String describe() {
    if (!measured) {
      return String.format("lag %,d", totalLag);
    }
    return String.format("lag %,d · consuming %,.0f/s · producing %,.0f/s · %s", totalLag, consumePerSec, producePerSec, etaText(etaSeconds));
  }

  static String etaText(Long etaSeconds) {
    if (etaSeconds == null) {
      return "not draining";
    }
    return etaSeconds == 0 ? "drained" : "drained in about " + humanSeconds(etaSeconds);
  }

  static String humanSeconds(long s) {
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format("%dm %02ds", s / 60, s % 60);
    }
    return String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
  }

  private static Long optionalLong(JsonNode n) {
    return n.isNumber() ? n.asLong() : null;
  }
}
