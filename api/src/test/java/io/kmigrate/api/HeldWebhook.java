package io.kmigrate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A deploy system's webhook endpoint that holds the first repoint call open until the test
 * releases it, so a test can act while a repoint is in progress; later calls answer 200 at once.
 * Every call's body is kept, in arrival order.
 */
final class HeldWebhook implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<JsonNode> calls = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstArrived = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  HeldWebhook() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/repoint", exchange -> {
      try (exchange) {
        calls.add(JSON.readTree(exchange.getRequestBody()));
        if (calls.size() == 1) {
          firstArrived.countDown();
          release.await(30, TimeUnit.SECONDS);
        }
        exchange.sendResponseHeaders(200, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/repoint";
  }

  /** Blocks until the first call is being held. */
  void awaitFirstCall() throws InterruptedException {
    if (!firstArrived.await(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the webhook was never called");
    }
  }

  /** Lets the held call answer 200. */
  void release() {
    release.countDown();
  }

  List<JsonNode> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
