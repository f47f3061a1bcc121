package io.kmigrate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a routing-strategy application does: ask the API where its cluster is. */
public final class RouteClient implements RouteSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI uri;

  /** A client's route: where to connect and the version that changes when it moves. */
  public record Route(String cluster, String bootstrapServers, long version) {
    /** No route yet, or told to stop: the client stays disconnected. */
    public boolean stopped() {
      return bootstrapServers == null || bootstrapServers.isEmpty();
    }
  }

  public RouteClient(String apiBase, String client) {
    this.uri = URI.create(apiBase + "/api/v1/routes/" + client);
  }

  @Override
  public Route fetch() {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 404) {
        return new Route(null, "", 0);
      }
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET " + uri + " answered " + r.statusCode() + ": " + r.body());
      }
      JsonNode n = JSON.readTree(r.body());
      return new Route(n.get("cluster").asText(), n.get("bootstrapServers").asText(), n.get("version").asLong());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + uri + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
