package io.kmigrate.activities.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few Kafka Connect REST calls the mirror needs. A Connect that does not answer, or answers
 * 5xx or 409 (a rebalance in progress), is a retryable failure; any other 4xx is the request's
 * fault and is not retried, carrying Connect's message.
 */
public final class ConnectRest {
  public static final String UNREACHABLE = "ConnectUnreachable";
  public static final String REJECTED = "ConnectRejected";
  public static final String UNAVAILABLE = "ConnectUnavailable";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final HttpClient http;

  public ConnectRest(URI base) {
    this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public URI base() {
    return base;
  }

  /** Creates the connector or replaces its configuration (PUT is idempotent). */
  public void putConfig(String connector, Map<String, String> config) {
    send("PUT", "connectors/" + encode(connector) + "/config", JSON.valueToTree(config));
  }

  /** The connector's status, or empty when Connect does not know it. */
  public Optional<ConnectorStatus> status(String connector) {
    return sendOptional("GET", "connectors/" + encode(connector) + "/status").map(ConnectorStatus::from);
  }

  /** The id of the Kafka cluster the Connect cluster keeps its state in (and writes copied records to). */
  public String kafkaClusterId() {
    return send("GET", "", null).path("kafka_cluster_id").asText();
  }

  /**
   * Stops the connector, waits until it is STOPPED and deletes its committed offsets, so a later
   * connector of the same name starts from the beginning rather than resuming this copy.
   * @return false when Connect does not know the connector
   */
  public boolean stopAndResetOffsets(String connector) {
    if (sendOptional("PUT", "connectors/" + encode(connector) + "/stop").isEmpty()) {
      return false;
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!status(connector).map(s -> "STOPPED".equals(s.state())).orElse(true)) {
      if (System.nanoTime() > deadline) {
        throw ApplicationFailure.newFailure("connector " + connector + " did not stop within 30 s", UNAVAILABLE);
      }
      sleep(200);
    }
    sendOptional("DELETE", "connectors/" + encode(connector) + "/offsets");
    return true;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted waiting for Kafka Connect", UNAVAILABLE);
    }
  }

  /** Whether Connect holds a configuration for the connector (its status appears only once it started). */
  public boolean exists(String connector) {
    return sendOptional("GET", "connectors/" + encode(connector) + "/config").isPresent();
  }

  /** Source offsets the connector committed: partition fields mapped to the offset object. */
  public List<JsonNode> offsets(String connector) {
    return sendOptional("GET", "connectors/" + encode(connector) + "/offsets")
        .map(body -> {
          List<JsonNode> out = new ArrayList<>();
          body.path("offsets").forEach(out::add);
          return out;
        })
        .orElse(List.of());
  }

  /** Restarts the connector and its failed tasks (a task that failed never restarts by itself). */
  public void restartFailed(String connector) {
    sendOptional("POST", "connectors/" + encode(connector) + "/restart?includeTasks=true&onlyFailed=true");
  }

  /** @return true when it existed */
  public boolean delete(String connector) {
    return sendOptional("DELETE", "connectors/" + encode(connector)).isPresent();
  }

  private Optional<JsonNode> sendOptional(String method, String path) {
    try {
      return Optional.of(send(method, path, null));
    } catch (NotFound e) {
      return Optional.empty();
    }
  }

  private JsonNode send(String method, String path, JsonNode body) {
    URI uri = base.resolve(path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause(
          "Kafka Connect at " + base + " does not answer " + method + " " + path + ": " + e, UNREACHABLE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted calling Kafka Connect", UNREACHABLE);
    }
    int code = response.statusCode();
    if (code == 404) {
      throw new NotFound();
    }
    String message = method + " " + uri + " -> " + code + ": " + errorMessage(response.body());
    if (code >= 500 || code == 409) {
      throw ApplicationFailure.newFailure("Kafka Connect is not ready: " + message, UNAVAILABLE);
    }
    if (code >= 400) {
      throw ApplicationFailure.newNonRetryableFailure("Kafka Connect refused the request: " + message, REJECTED);
    }
    return parse(response.body());
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode().put("body", body);
    }
  }

  private static String errorMessage(String body) {
    JsonNode node = parse(body);
    return node.hasNonNull("message") ? node.get("message").asText() : String.valueOf(body);
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A connector Connect does not know. */
  private static final class NotFound extends RuntimeException {
    NotFound() {
      super(null, null, false, false);
    }
  }
}
