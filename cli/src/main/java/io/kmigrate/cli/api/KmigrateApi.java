package io.kmigrate.cli.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * kmigrate's REST API as the client commands use it: every answer is JSON, every failure an
 * {@link ApiFailure} with one line saying what went wrong. Redirects are never followed, so the
 * token goes only to the URL it was given for.
 */
public final class KmigrateApi {
  static final ObjectMapper JSON = new ObjectMapper();
  /** The most problems of a refused plan listed in a failure; the API itself lists at most 50. */
  private static final int PROBLEMS_SHOWN = 50;

  private final URI base;
  private final String token;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param base the API's root, e.g. {@code http://127.0.0.1:8080}
   * @param token the bearer token, or null when the API runs open
   */
  public KmigrateApi(URI base, String token, Duration timeout) {
    this.base = base;
    this.token = token == null || token.isBlank() ? null : token.strip();
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public URI base() {
    return base;
  }

  public JsonNode start(String plan, String contentType) {
    return send("POST", "/api/v1/migrations", HttpRequest.BodyPublishers.ofString(plan), contentType, "start a migration");
  }

  /** Every migration, newest first; {@code filter}'s non-null values (phase, gate, source, target) keep those that match. */
  public JsonNode list(Map<String, String> filter) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    filter.forEach((k, v) -> {
      if (v != null) {
        query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    });
    return get("/api/v1/migrations" + query, "list migrations");
  }

  public JsonNode view(String id) {
    return get("/api/v1/migrations/" + segment(id), "read migration '" + id + "'");
  }

  public JsonNode audit(String id) {
    return get("/api/v1/migrations/" + segment(id) + "/audit", "read the audit of '" + id + "'");
  }

  /** Approves or rejects {@code gate}; {@code openedAt}, when known, makes the decision answer that opening only. */
  public JsonNode decide(String id, String gate, boolean approve, String by, String comment, String openedAt) {
    ObjectNode body = JSON.createObjectNode().put("by", by).put("comment", comment);
    if (openedAt != null) {
      body.put("openedAt", openedAt);
    }
    String verb = approve ? "approve" : "reject";
    return send("POST", "/api/v1/migrations/" + segment(id) + "/gates/" + segment(gate) + "/" + verb,
        HttpRequest.BodyPublishers.ofString(body.toString()), "application/json", verb + " gate '" + gate + "' of '" + id + "'");
  }

  public JsonNode abort(String id, String by, String reason) {
    String body = JSON.createObjectNode().put("by", by).put("reason", reason).toString();
    return send("POST", "/api/v1/migrations/" + segment(id) + "/abort", HttpRequest.BodyPublishers.ofString(body),
        "application/json", "abort '" + id + "'");
  }

  public JsonNode startCampaign(JsonNode campaign) {
    return send("POST", "/api/v1/campaigns", HttpRequest.BodyPublishers.ofString(campaign.toString()), "application/json", "start a campaign");
  }

  public JsonNode campaigns() {
    return get("/api/v1/campaigns", "list campaigns");
  }

  public JsonNode campaign(String id) {
    return get("/api/v1/campaigns/" + segment(id), "read campaign '" + id + "'");
  }

  /** Approves wave {@code wave} (from 1) without the units in {@code skip}, or stops the campaign there. */
  public JsonNode decideWave(String id, int wave, boolean approve, String by, String comment, java.util.List<String> skip) {
    ObjectNode body = JSON.createObjectNode().put("by", by).put("comment", comment);
    skip.forEach(body.putArray("skip")::add);
    String verb = approve ? "approve" : "stop";
    return send("POST", "/api/v1/campaigns/" + segment(id) + "/waves/" + wave + "/" + verb, HttpRequest.BodyPublishers.ofString(body.toString()),
        "application/json", verb + " wave " + wave + " of '" + id + "'");
  }

  public JsonNode abortCampaign(String id, String by, String reason) {
    String body = JSON.createObjectNode().put("by", by).put("reason", reason).toString();
    return send("POST", "/api/v1/campaigns/" + segment(id) + "/abort", HttpRequest.BodyPublishers.ofString(body), "application/json",
        "abort campaign '" + id + "'");
  }

  private JsonNode get(String path, String what) {
    return send("GET", path, HttpRequest.BodyPublishers.noBody(), null, what);
  }

  private JsonNode send(String method, String path, HttpRequest.BodyPublisher body, String contentType, String what) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).method(method, body)
        .header("Accept", "application/json");
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> answer;
    try {
      answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new ApiFailure(0, "the kmigrate API at " + base + " did not answer within " + timeout.toSeconds() + " s (" + what + ")");
    } catch (IOException e) {
      throw new ApiFailure(0, "cannot reach the kmigrate API at " + base + " (" + e.getClass().getSimpleName()
          + "): is the server running? Point --api or KMIGRATE_API at it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiFailure(0, "interrupted while waiting for the API (" + what + ")");
    }
    JsonNode json = parse(answer.body());
    if (answer.statusCode() / 100 == 2) {
      return json;
    }
    throw new ApiFailure(answer.statusCode(), failureLine(answer.statusCode(), json, what));
  }

  private String failureLine(int status, JsonNode body, String what) {
    String said = body.path("message").asText("");
    String line = switch (status) {
      case 401 -> token == null
          ? "401 not authenticated: the API needs a token; set KMIGRATE_TOKEN to yours"
          : "401 not authenticated: the API does not accept the token in KMIGRATE_TOKEN";
      case 403 -> "403 forbidden: your token's user may not " + what + (said.isEmpty() ? "" : " (" + said + ")");
      default -> status + " " + (said.isEmpty() ? "could not " + what : said);
    };
    StringBuilder out = new StringBuilder(line);
    JsonNode problems = body.path("problems");
    int shown = 0;
    for (JsonNode p : problems) {
      if (shown++ == PROBLEMS_SHOWN) {
        break;
      }
      out.append(System.lineSeparator()).append(p.path("field").asText()).append(": ").append(p.path("message").asText());
    }
    int omitted = body.path("omittedProblems").asInt(0) + Math.max(0, problems.size() - PROBLEMS_SHOWN);
    if (omitted > 0) {
      out.append(System.lineSeparator()).append("... and ").append(omitted).append(" more problem(s)");
    }
    return out.toString();
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      // A proxy's HTML error page, say: keep its first line as the message.
      return JSON.createObjectNode().put("message", body.lines().findFirst().orElse("").strip());
    }
  }

  /** A path segment: ids and gate names are Kafka-like names, but nothing typed may escape its segment. */
  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
