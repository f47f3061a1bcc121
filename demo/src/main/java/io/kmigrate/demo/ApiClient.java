package io.kmigrate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/** The demo drives kmigrate as a user would: through the REST API. */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;
  private static final Duration VIEW_TIMEOUT = Duration.ofSeconds(8);

  /** A response: its status and JSON body. */
  public record Answer(int status, JsonNode body) {}

  public ApiClient(String base) {
    this.base = base;
  }

  public Answer startMigration(String yamlPlan) {
    return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/migrations"))
        .header("Content-Type", "application/yaml")
        .POST(HttpRequest.BodyPublishers.ofString(yamlPlan)));
  }

  /**
   * A migration's view. The progress query needs a worker: with none (one was just killed, and
   * Temporal still routes the query to its queue) the call is answered 504 after {@code VIEW_TIMEOUT}.
   */
  public Answer migration(String id) {
    try {
      return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/migrations/" + id)).timeout(VIEW_TIMEOUT).GET());
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof HttpTimeoutException) {
        return new Answer(504, JSON.createObjectNode().put("message", "no answer within " + VIEW_TIMEOUT.toSeconds() + " s"));
      }
      throw e;
    }
  }

  public Answer decide(String id, String gate, boolean approve, String by, String comment) {
    String body = json(Map.of("by", by, "comment", comment));
    return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/migrations/" + id + "/gates/" + gate + (approve ? "/approve" : "/reject")))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** {@code POST /api/v1/campaigns} with the campaign, its plans inline, as JSON. */
  public Answer startCampaign(JsonNode campaign) {
    return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/campaigns"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json(campaign))));
  }

  public Answer campaign(String id) {
    return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/campaigns/" + id)).timeout(VIEW_TIMEOUT).GET());
  }

  /** Starts wave {@code wave} (from 1) of a campaign, with none of its units skipped. */
  public Answer approveWave(String id, int wave, String by, String comment) {
    return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/campaigns/" + id + "/waves/" + wave + "/approve"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("by", by, "comment", comment)))));
  }

  public Answer abort(String id, String by, String reason) {
    return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/migrations/" + id + "/abort"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("by", by, "reason", reason)))));
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpRequest built = request.build();
      if (built.timeout().isEmpty()) {
        built = request.timeout(Duration.ofSeconds(30)).build();
      }
      HttpResponse<String> r = http.send(built, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()));
    } catch (IOException e) {
      throw new IllegalStateException("kmigrate API at " + base + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
