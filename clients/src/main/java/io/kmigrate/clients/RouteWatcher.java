package io.kmigrate.clients;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one client's route through kmigrate's REST API: reads it once, then waits for it to
 * change with a long poll ({@code GET /api/v1/routes/{client}?after=VERSION&wait=30s}, answered as
 * soon as the route moves), so a thousand idle instances cost the API about 33 requests a second
 * rather than 4,000. Against a server that answers at once (a kmigrate before long polls) it polls
 * every {@code pollInterval} instead. While the API cannot be reached or refuses the token it keeps
 * the last route, retries with a growing, jittered backoff, and says so in its log and
 * {@link #stats()}. {@code onChange} is called on the watcher's own thread, with the first route
 * and each change after it.
 *
 * <pre>{@code
 * RouteWatcher routes = RouteWatcher.start(RouteWatcher.Options.of("https://kmigrate.example.com", "orders-api"),
 *     route -> log.info("now on {}", route.cluster()));
 * }</pre>
 */
public final class RouteWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RouteWatcher.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  /** A failure streak is logged at its start and then every this many failures. */
  private static final int LOG_EVERY = 10;

  /**
   * Where and how to watch. {@code token} is read for every request (see {@link ApiToken});
   * {@code hold} is how long the API holds each long poll ({@code wait=}), 1 s to 60 s.
   */
  public record Options(URI api, String client, Supplier<Optional<String>> token, Duration hold, Duration pollInterval, Duration maxBackoff) {
    public Options {
      Objects.requireNonNull(api, "api");
      if (client == null || client.isBlank()) {
        throw new IllegalArgumentException("client: name the client whose route to follow, as the plan names it");
      }
      Objects.requireNonNull(token, "token: ApiToken.none() when the API has auth off");
      if (hold.compareTo(Duration.ofSeconds(1)) < 0 || hold.compareTo(Duration.ofSeconds(60)) > 0) {
        throw new IllegalArgumentException("hold: " + hold + " is outside 1 s to 60 s");
      }
    }

    /** The API at {@code apiBase} (e.g. {@code https://kmigrate.example.com}), the token from {@code KMIGRATE_TOKEN}, 30 s waits. */
    public static Options of(String apiBase, String client) {
      return new Options(URI.create(apiBase.endsWith("/") ? apiBase : apiBase + "/"), client, ApiToken.fromEnv("KMIGRATE_TOKEN"),
          Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    public Options withToken(Supplier<Optional<String>> source) {
      return new Options(api, client, source, hold, pollInterval, maxBackoff);
    }

    public Options withHold(Duration held) {
      return new Options(api, client, token, held, pollInterval, maxBackoff);
    }

    public Options withPollInterval(Duration every) {
      return new Options(api, client, token, hold, every, maxBackoff);
    }

    public Options withMaxBackoff(Duration most) {
      return new Options(api, client, token, hold, pollInterval, most);
    }
  }

  /**
   * What the watcher has done, for an application's metrics and health: requests sent, those that
   * failed (unreachable, 5xx, 401/403), the current streak of failures (0 when the last answered),
   * the last problem, whether the server holds requests (long poll), and when it last answered.
   */
  public record Stats(long requests, long failures, int failingFor, String lastProblem, boolean longPolling, Instant lastAnswer) {}

  private final Options options;
  private final Consumer<Route> onChange;
  /**
   * One for every watcher in the JVM: a client per watcher is a selector thread per watcher, and
   * an application with a producer and a consumer per route, or a test with a thousand, pays for
   * each (bench routes: 1,000 watchers saw a move in max 1.6 s with a client each).
   */
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
  private final HttpClient http = HTTP;
  private final CountDownLatch firstAnswer = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Route current;
  private volatile long requests;
  private volatile long failures;
  private volatile int failingFor;
  private volatile String lastProblem;
  private volatile boolean longPolling = true;
  private volatile Instant lastAnswer;

  private RouteWatcher(Options options, Consumer<Route> onChange) {
    this.options = options;
    this.onChange = onChange;
    this.thread = new Thread(this::run, "kmigrate-route-" + options.client());
    thread.setDaemon(true);
  }

  /** Starts watching on a daemon thread of its own. */
  public static RouteWatcher start(Options options, Consumer<Route> onChange) {
    RouteWatcher w = new RouteWatcher(options, onChange);
    w.thread.start();
    return w;
  }

  /** The route last read; null until the API first answered. */
  public Route current() {
    return current;
  }

  /** Waits up to {@code timeout} for the API's first answer; the route, or empty if none came. */
  public Optional<Route> awaitRoute(Duration timeout) throws InterruptedException {
    firstAnswer.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return Optional.ofNullable(current);
  }

  public Stats stats() {
    return new Stats(requests, failures, failingFor, lastProblem, longPolling, lastAnswer);
  }

  private void run() {
    Duration backoff = FIRST_BACKOFF;
    while (running) {
      Route held = current;
      long sent = System.nanoTime();
      HttpResponse<String> answer;
      requests++;
      try {
        answer = http.send(request(held), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        backoff = failed("the API did not answer: " + e, backoff);
        continue;
      } catch (InterruptedException e) {
        return; // closed
      } catch (BadToken e) {
        backoff = failed(e.getMessage(), backoff);
        continue;
      } catch (RuntimeException e) {
        // Its message may quote the request's headers: only its type is said.
        backoff = failed("the request could not be made: " + e.getClass().getSimpleName(), backoff);
        continue;
      }
      // An answer well inside the wait, for a version we hold, means the server does not hold requests.
      boolean answeredAtOnce = held != null && System.nanoTime() - sent < options.hold().toNanos() / 2;
      Route route;
      switch (answer.statusCode()) {
        case 200 -> route = parse(answer.body());
        // Only kmigrate's own "no route" is one: a proxy's 404 (an ingress mid-deploy, a wrong path) must not stop the app.
        case 404 -> route = answer.body() != null && answer.body().contains("\"no route for client ") ? Route.none(options.client()) : null;
        case 304 -> route = held;
        default -> route = null;
      }
      if (route == null) {
        backoff = failed(problem(answer), backoff);
        continue;
      }
      answered();
      backoff = FIRST_BACKOFF;
      boolean unchanged = held != null && route.version() == held.version();
      accept(route);
      if (answer.statusCode() == 304) {
        longPolling = true; // held, then released: this server holds requests
      }
      if (answer.statusCode() != 304 && unchanged && answeredAtOnce) {
        if (longPolling) {
          longPolling = false;
          log.info("kmigrate API {} answers route requests at once (it predates long polls): polling route '{}' every {}",
              options.api(), options.client(), options.pollInterval());
        }
        sleep(options.pollInterval());
      }
    }
  }

  private HttpRequest request(Route held) {
    String path = "api/v1/routes/" + URLEncoder.encode(options.client(), StandardCharsets.UTF_8).replace("+", "%20");
    Duration timeout = Duration.ofSeconds(10);
    if (held != null) {
      path += "?after=" + held.version() + "&wait=" + options.hold().toSeconds() + "s";
      timeout = timeout.plus(options.hold());
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(options.api().resolve(path)).timeout(timeout).header("Accept", "application/json").GET();
    options.token().get().ifPresent(t -> {
      // The JDK's refusal of a bad header value quotes it: checked here so the token is never in a message.
      if (!t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new BadToken();
      }
      b.header("Authorization", "Bearer " + t);
    });
    return b.build();
  }

  /** A token with a character a header cannot carry (a byte-order mark, a line break): said without the token. */
  private static final class BadToken extends RuntimeException {
    BadToken() {
      super("the token has a character an HTTP header cannot carry (a byte-order mark or a line break?): fix where it is read from");
    }
  }

  private Route parse(String body) {
    try {
      return RouteJson.parse(options.client(), body);
    } catch (IllegalArgumentException e) {
      lastProblem = e.getMessage();
      return null;
    }
  }

  private static String problem(HttpResponse<String> answer) {
    String body = answer.body() == null ? "" : answer.body().strip();
    String said = body.length() > 300 ? body.substring(0, 300) + "..." : body;
    return switch (answer.statusCode()) {
      case 401 -> "the API refused the token or wants one (401): set the token the watcher reads; " + said;
      case 403 -> "the token's user may not read routes (403); " + said;
      case 200 -> "the API's answer is not a route";
      case 404 -> "the API answered 404 without kmigrate's 'no route' (a proxy, or a wrong API address?): " + said;
      default -> "the API answered " + answer.statusCode() + ": " + said;
    };
  }

  /** Routes are compared by version: the API raises it with every change. */
  private void accept(Route route) {
    Route before = current;
    current = route;
    firstAnswer.countDown();
    if (before == null || before.version() != route.version()) {
      try {
        onChange.accept(route);
      } catch (RuntimeException e) {
        log.error("the route listener of client '{}' failed on version {}", options.client(), route.version(), e);
      }
    }
  }

  private void answered() {
    if (failingFor > 0) {
      log.info("kmigrate API {} answers client '{}' again after {} failed request(s)", options.api(), options.client(), failingFor);
    }
    failingFor = 0;
    lastAnswer = Instant.now();
  }

  private Duration failed(String problem, Duration backoff) {
    failures++;
    failingFor++;
    lastProblem = problem;
    if (failingFor == 1 || failingFor % LOG_EVERY == 0) {
      Route held = current;
      log.warn("route of client '{}' not read ({} failed in a row): {}; {}", options.client(), failingFor, problem,
          held == null ? "no route yet" : "keeping " + (held.stopped() ? "the stop" : held.cluster() + " " + held.bootstrapServers())
              + " (version " + held.version() + ")");
    }
    // Jittered, so a fleet of instances does not return in step when the API comes back.
    sleep(Duration.ofMillis(backoff.toMillis() / 2 + ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1)));
    Duration next = backoff.multipliedBy(2);
    return next.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : next;
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      running = false;
    }
  }

  /** Stops watching; {@link #current()} keeps the last route. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
