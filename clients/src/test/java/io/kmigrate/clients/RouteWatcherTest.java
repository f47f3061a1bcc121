package io.kmigrate.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.kmigrate.activities.store.RouteStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application following its route through the real API on the embedded default with auth on:
 * the token read from a file, a change seen within a second of the move while idle requests stay
 * few, a missing token, the API down and back.
 */
@ExtendWith(SharedServer.class)
class RouteWatcherTest {
  static final String VIEWER = SharedServer.VIEWER;

  static RouteStore routes() {
    return SharedServer.routes();
  }

  static String api() {
    return SharedServer.api();
  }

  static Path tokenFile(String name, String token) throws Exception {
    Path file = SharedServer.TOKENS.dir().resolve(name);
    Files.writeString(file, token + "\n");
    return file;
  }

  static void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void itFollowsItsRouteWithFewRequestsWhileIdleAndSeesAMoveWithinASecond() throws Exception {
    routes().point("orders-api", "source", "127.0.0.1:1");
    BlockingQueue<Route> seen = new LinkedBlockingQueue<>();
    try (RouteWatcher w = RouteWatcher.start(RouteWatcher.Options.of(api(), "orders-api")
        .withToken(ApiToken.fromFile(tokenFile("vera.watch", VIEWER))), seen::add)) {
      Route first = seen.poll(10, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      assertThat(first.cluster()).isEqualTo("source");
      assertThat(first.stopped()).isFalse();

      Thread.sleep(3_000);
      assertThat(w.stats().requests()).as("idle for 3 s: the first read and one held request").isLessThanOrEqualTo(2);
      assertThat(seen).isEmpty();

      long moved = System.nanoTime();
      routes().point("orders-api", "target", "127.0.0.1:2");
      Route next = seen.poll(5, TimeUnit.SECONDS);
      assertThat(next).isNotNull();
      assertThat((System.nanoTime() - moved) / 1e6).as("ms from the move to the listener").isLessThan(1000);
      assertThat(next.cluster()).isEqualTo("target");
      assertThat(next.version()).isEqualTo(first.version() + 1);
      assertThat(w.current()).isEqualTo(next);
      assertThat(w.stats().longPolling()).isTrue();
      assertThat(w.stats().failures()).isZero();

      routes().stop("orders-api", "target");
      Route stop = seen.poll(5, TimeUnit.SECONDS);
      assertThat(stop).isNotNull();
      assertThat(stop.stopped()).as("the fence: empty bootstrap servers").isTrue();
    }
  }

  @Test
  void withoutItsTokenItHasNoRouteSaysWhyAndFollowsOnceTheTokenFileAppears() throws Exception {
    routes().point("billing", "source", "127.0.0.1:1");
    Path file = SharedServer.TOKENS.dir().resolve("vera.later");
    Files.deleteIfExists(file);
    try (RouteWatcher w = RouteWatcher.start(RouteWatcher.Options.of(api(), "billing").withToken(ApiToken.fromFile(file))
        .withMaxBackoff(Duration.ofMillis(500)), r -> { })) {
      await(() -> w.stats().failures() >= 2, Duration.ofSeconds(10), "refused twice");
      assertThat(w.current()).isNull();
      assertThat(w.stats().lastProblem()).startsWith("the API refused the token or wants one (401)");

      Files.writeString(file, "\uFEFF" + VIEWER + "\n"); // as an editor may save it
      assertThat(w.awaitRoute(Duration.ofSeconds(10))).hasValueSatisfying(r -> assertThat(r.cluster()).isEqualTo("source"));
      assertThat(w.stats().failingFor()).isZero();
    }
  }

  @Test
  void aHeldRequestThatRunsOutIsAskedAgainAndTheServerStaysKnownToHoldThem() throws Exception {
    routes().point("ledger", "source", "127.0.0.1:1");
    try (RouteWatcher w = RouteWatcher.start(RouteWatcher.Options.of(api(), "ledger").withHold(Duration.ofSeconds(1))
        .withToken(ApiToken.fromFile(tokenFile("vera.hold", VIEWER))), r -> { })) {
      Route first = w.awaitRoute(Duration.ofSeconds(10)).orElseThrow();
      Thread.sleep(2_500);
      assertThat(w.stats().requests()).as("the first read, then one 1 s hold after another").isBetween(3L, 5L);
      assertThat(w.stats().longPolling()).isTrue();
      assertThat(w.current()).isEqualTo(first);
      assertThat(w.stats().failures()).isZero();
    }
  }

  @Test
  void aNotFoundThatIsNotKmigratesIsAFailureAndNeverAStop() throws Exception {
    HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    proxy.createContext("/", exchange -> {
      byte[] body = "<html>default backend - 404</html>".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(404, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    proxy.start();
    List<Route> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (RouteWatcher w = RouteWatcher.start(RouteWatcher.Options.of("http://127.0.0.1:" + proxy.getAddress().getPort(), "orders-api")
        .withToken(ApiToken.none()).withMaxBackoff(Duration.ofMillis(300)), seen::add)) {
      await(() -> w.stats().failures() >= 2, Duration.ofSeconds(10), "two failures");
      assertThat(seen).as("no route, and no stop, from a proxy's 404").isEmpty();
      assertThat(w.stats().lastProblem()).contains("404 without kmigrate's 'no route'");
    } finally {
      proxy.stop(0);
    }
  }

  @Test
  void itKeepsItsLastRouteWhileTheApiIsDownAndFollowsTheMoveMadeMeanwhile() throws Exception {
    routes().point("shipping", "source", "127.0.0.1:1");
    try (TcpRelay relay = new TcpRelay(SharedServer.port());
        RouteWatcher w = RouteWatcher.start(RouteWatcher.Options.of("http://127.0.0.1:" + relay.port(), "shipping")
            .withToken(ApiToken.fromFile(tokenFile("vera.relay", VIEWER))).withMaxBackoff(Duration.ofMillis(500)), r -> { })) {
      assertThat(w.awaitRoute(Duration.ofSeconds(10))).hasValueSatisfying(r -> assertThat(r.cluster()).isEqualTo("source"));

      relay.pause();
      routes().point("shipping", "target", "127.0.0.1:2");
      await(() -> w.stats().failingFor() >= 2, Duration.ofSeconds(15), "the watcher finds the API down");
      assertThat(w.current().cluster()).as("the last route, kept").isEqualTo("source");
      assertThat(w.stats().lastProblem()).startsWith("the API did not answer");

      relay.resume();
      await(() -> "target".equals(w.current().cluster()), Duration.ofSeconds(10), "the move made while the API was down");
      assertThat(w.stats().failingFor()).isZero();
    }
  }

  @Test
  void againstAServerThatAnswersAtOnceItPollsAtItsIntervalInstead() throws Exception {
    // A kmigrate before long polls answered any GET of a route at once, ignoring after and wait.
    AtomicInteger version = new AtomicInteger(1);
    AtomicInteger requests = new AtomicInteger();
    HttpServer older = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    older.createContext("/api/v1/routes/legacy", exchange -> {
      requests.incrementAndGet();
      byte[] body = ("{\"client\":\"legacy\",\"cluster\":\"c" + version.get() + "\",\"bootstrapServers\":\"127.0.0.1:" + version.get()
          + "\",\"version\":" + version.get() + ",\"updatedAt\":\"2026-12-06T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    older.start();
    try (RouteWatcher w = RouteWatcher.start(RouteWatcher.Options.of("http://127.0.0.1:" + older.getAddress().getPort(), "legacy")
        .withToken(ApiToken.none()).withPollInterval(Duration.ofMillis(500)), r -> { })) {
      Thread.sleep(2_600);
      assertThat(w.stats().longPolling()).isFalse();
      assertThat(requests.get()).as("about one request per 500 ms, not a busy loop").isBetween(4, 8);
      version.set(2);
      await(() -> w.current().version() == 2, Duration.ofSeconds(3), "the change, at the next poll");
      assertThat(w.current().cluster()).isEqualTo("c2");
    } finally {
      older.stop(0);
    }
  }

  @Test
  void aTokenAHeaderCannotCarryIsReportedWithoutTheToken() throws Exception {
    try (RouteWatcher w = RouteWatcher.start(RouteWatcher.Options.of(api(), "orders-api")
        .withToken(() -> java.util.Optional.of("s3cr3t\nline-two")).withMaxBackoff(Duration.ofMillis(300)), r -> { })) {
      await(() -> w.stats().failures() >= 1, Duration.ofSeconds(10), "the refusal");
      assertThat(w.stats().lastProblem()).contains("a character an HTTP header cannot carry").doesNotContain("s3cr3t");
      assertThat(w.current()).isNull();
    }
  }
}
