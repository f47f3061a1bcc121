package io.kmigrate.bench.concurrent;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.demo.ApiClient;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The person in charge of a campaign: reads it every second through the API and approves each
 * wave as soon as its gate is open (the bench measures from the approval Temporal accepted, so
 * this reader's delay is not in the figure).
 */
final class WaveApprover implements AutoCloseable {
  private final ApiClient api;
  private final String campaign;
  private final PrintStream out;
  private final Set<Integer> approved = new HashSet<>();
  private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
  private volatile String status = "RUNNING";

  WaveApprover(ApiClient api, String campaign, PrintStream out) {
    this.api = api;
    this.campaign = campaign;
    this.out = out;
    reader.scheduleWithFixedDelay(this::round, 0, 1, TimeUnit.SECONDS);
  }

  private void round() {
    try {
      ApiClient.Answer a = api.campaign(campaign);
      if (a.status() != 200) {
        return;
      }
      JsonNode progress = a.body().path("progress");
      status = progress.path("status").asText();
      if (progress.path("openWave").isInt() && approved.add(progress.path("openWave").asInt())) {
        int wave = progress.path("openWave").asInt();
        ApiClient.Answer answer = api.approveWave(campaign, wave, "bench", "approved automatically by kmigrate bench campaign");
        out.printf("  wave %d of %d approved (HTTP %d): %d unit(s)%n", wave, progress.path("waves").size(), answer.status(),
            progress.path("waves").path(wave - 1).size());
      }
    } catch (RuntimeException e) {
      out.println("  reading the campaign failed (tried again in 1 s): " + e.getMessage());
    }
  }

  /** The campaign's status when last read: RUNNING or WAITING_FOR_APPROVAL while it runs. */
  String status() {
    return status;
  }

  @Override
  public void close() {
    reader.shutdownNow();
  }
}
