package io.kmigrate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kmigrate.activities.repoint.WebhookNotifier;
import io.kmigrate.clients.Route;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The demo's stand-in for a deploy system behind strategy {@code webhook}: it checks each call's
 * HMAC signature and that the call is recent (as a real receiver must, see {@link WebhookSignature}), answers 503 to the first delivery of every idempotency key (so kmigrate must
 * retry), applies each key once, and "restarts" the sample client by giving it the new route.
 */
public final class DemoDeploySystem implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String secret;
  private final Map<String, ClientRoute> routes = new ConcurrentHashMap<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final Set<String> applied = ConcurrentHashMap.newKeySet();
  private final AtomicInteger deliveries = new AtomicInteger();
  private final AtomicInteger badSignatures = new AtomicInteger();
  private volatile Consumer<String> onApplied = client -> {};

  /** One client's current route, as the deploy system last set it, handed to the client as a restart with new settings would. */
  private static final class ClientRoute implements RouteSource {
    private final List<Consumer<Route>> listeners = new CopyOnWriteArrayList<>();
    private volatile Route current;

    ClientRoute(Route initial) {
      current = initial;
    }

    @Override
    public AutoCloseable follow(Consumer<Route> listener) {
      listeners.add(listener);
      listener.accept(current);
      return () -> listeners.remove(listener);
    }

    void set(Route next) {
      current = next;
      listeners.forEach(l -> l.accept(next));
    }
  }

  public DemoDeploySystem(String secret) throws IOException {
    this.secret = secret;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hooks/", this::handle);
    server.start();
  }

  /** The route source a sample client reads; starts on {@code cluster}. */
  public RouteSource client(String client, String cluster, String bootstrapServers) {
    return routes.computeIfAbsent(client, c -> new ClientRoute(new Route(client, cluster, bootstrapServers, 1)));
  }

  /** Where every client's hook lives: the one prefix the demo's configuration allows webhooks to call. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/";
  }

  public String url(String client) {
    return baseUrl() + client;
  }

  /** Called with the client's name after a change is applied and before the call is answered. */
  public void onApplied(Consumer<String> listener) {
    this.onApplied = listener;
  }

  public int deliveries() {
    return deliveries.get();
  }

  public int applied() {
    return applied.size();
  }

  public int badSignatures() {
    return badSignatures.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      deliveries.incrementAndGet();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (!WebhookSignature.verify(secret, exchange.getRequestHeaders().getFirst(WebhookNotifier.TIMESTAMP_HEADER),
          exchange.getRequestHeaders().getFirst(WebhookNotifier.SIGNATURE_HEADER), body, Instant.now())) {
        badSignatures.incrementAndGet();
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      String key = exchange.getRequestHeaders().getFirst(WebhookNotifier.IDEMPOTENCY_HEADER);
      if (seen.add(key)) {
        exchange.sendResponseHeaders(503, -1); // first delivery: "deploy system busy", retry please
        return;
      }
      JsonNode call = JSON.readTree(body);
      ClientRoute route = routes.get(call.path("client").asText());
      if (route == null) {
        exchange.sendResponseHeaders(404, -1); // a 4xx: kmigrate stops at this step
        return;
      }
      if (applied.add(key)) {
        Route before = route.current;
        route.set(new Route(before.client(), call.path("cluster").asText(), call.path("bootstrapServers").asText(), before.version() + 1));
        onApplied.accept(call.path("client").asText());
      }
      exchange.sendResponseHeaders(200, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
