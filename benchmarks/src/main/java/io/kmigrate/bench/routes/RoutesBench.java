package io.kmigrate.bench.routes;

import io.kmigrate.activities.store.RouteStore;
import io.kmigrate.bench.BenchArgs;
import io.kmigrate.bench.BenchUsageException;
import io.kmigrate.bench.Figures;
import io.kmigrate.bench.concurrent.ProductStack;
import io.kmigrate.clients.ApiToken;
import io.kmigrate.clients.Route;
import io.kmigrate.clients.RouteWatcher;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@code bench routes}: {@code --watchers} instances of one application following one route with
 * {@code kmigrate-clients}' RouteWatcher (each its own HTTP client and connection, 30 s holds)
 * against the API on the embedded default. Measured: the requests the API gets while the route
 * stays (from the watchers' own counts, over {@code --idle}), and how long after the route moves
 * each instance's listener has the new version: first moved in the API's process (its own worker,
 * the default), then back by a write the API learns of only from its next read of the store (a
 * worker in a process of its own). The target is the first: the second finds the API's answering
 * warm. Anchor: the demo's sample apps before this, which
 * asked every 250 ms (four requests a second per instance).
 */
public final class RoutesBench {
  public static final Set<String> OPTIONS = Set.of("watchers", "idle");
  public static final Set<String> FLAGS = Set.of("smoke");
  static final double TARGET_IDLE_RPS = 50;
  static final long TARGET_CHANGE_MS = 1000;
  private static final String CLIENT = "bench-app";

  private RoutesBench() {}

  /** @return 0 when every watcher saw the move and none failed (a missed target is printed), 1 otherwise */
  public static int run(BenchArgs args) {
    int watchers = args.positiveInt("watchers", args.flag("smoke") ? 20 : 1000);
    Duration idle = args.duration("idle", args.flag("smoke") ? Duration.ofSeconds(5) : Duration.ofSeconds(60));
    if (watchers > 5000) {
      throw new BenchUsageException("--watchers takes 1 to 5000 (each is a thread and a connection here), not " + watchers);
    }
    PrintStream out = System.out;
    out.printf("routes: %d RouteWatchers on one route, 30 s holds, idle for %s, then the route moves%n", watchers, Figures.duration(idle));
    try (ProductStack stack = ProductStack.start("routes", "256m")) {
      return measure(stack, watchers, idle, out);
    } catch (Exception e) {
      out.println("routes: the run failed: " + e);
      return 1;
    }
  }

  private static int measure(ProductStack stack, int count, Duration idle, PrintStream out) throws Exception {
    RouteStore routes = new RouteStore(stack.runtime().database());
    long first = routes.point(CLIENT, "source", "127.0.0.1:1").version();
    // When each watcher first saw each move (by watcher id): the listener only notes it.
    List<ConcurrentMap<Integer, Long>> sawAt = List.of(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    List<RouteWatcher> all = new ArrayList<>();
    try {
      long t0 = System.nanoTime();
      for (int i = 0; i < count; i++) {
        int id = i;
        all.add(RouteWatcher.start(RouteWatcher.Options.of(stack.apiBase(), CLIENT).withToken(ApiToken.none()), (Route r) -> {
          for (int move = 0; move < sawAt.size(); move++) {
            if (r.version() > first + move) {
              sawAt.get(move).putIfAbsent(id, System.nanoTime());
            }
          }
        }));
      }
      for (RouteWatcher w : all) {
        if (w.awaitRoute(Duration.ofSeconds(60)).isEmpty()) {
          throw new IllegalStateException("a watcher had no route within 60 s: " + w.stats());
        }
      }
      out.printf("  %d watchers have the route after %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
      Figures.sleep(2_000); // every watcher has its first held request in flight
      long before = requests(all);
      long idleStart = System.nanoTime();
      Figures.sleep(idle.toMillis());
      double idleRps = (requests(all) - before) / ((System.nanoTime() - idleStart) / 1e9);
      out.printf("  idle: %.1f requests/s to the API from %d instances (anchor: polling every 250 ms, %d requests/s)%n",
          idleRps, count, count * 4);

      // As the embedded default and `kmigrate server` move it: their worker writes it in the API's process.
      List<Double> here = move(count, sawAt.get(0), () -> routes.point(CLIENT, "target", "127.0.0.1:2"));
      out.printf("  the move, written in the API's process: %s%n", describe(here, count));
      Figures.sleep(2_000); // every watcher holds a request again
      // As a worker in a process of its own moves it: the API sees it at its next read of the store.
      List<Double> apart = move(count, sawAt.get(1), () -> stack.runtime().database().jdbi().useHandle(h -> h.createUpdate(
          "update client_routes set cluster = 'source', bootstrap_servers = '127.0.0.1:1', version = version + 1 where client = :c")
          .bind("c", CLIENT).execute()));
      out.printf("  a second move, written by another process (the API's answers warm by then): %s%n", describe(apart, count));

      long failures = all.stream().mapToLong(w -> w.stats().failures()).sum();
      double max = Figures.percentile(here, 100);
      double apartMax = Figures.percentile(apart, 100);
      out.printf("  failed requests %d%n", failures);
      out.printf("  targets: idle < %.0f requests/s %s; every instance within %d ms %s (another process: %s)%n", TARGET_IDLE_RPS,
          Figures.met(idleRps < TARGET_IDLE_RPS), TARGET_CHANGE_MS, Figures.met(here.size() == count && max <= TARGET_CHANGE_MS),
          Figures.met(apart.size() == count && apartMax <= TARGET_CHANGE_MS));
      out.printf("routes watchers=%d idle_rps=%.1f anchor_rps=%d saw_move=%d change_p50_ms=%.0f p99_ms=%.0f max_ms=%.0f"
              + " apart_saw_move=%d apart_p50_ms=%.0f apart_p99_ms=%.0f apart_max_ms=%.0f failures=%d%n",
          count, idleRps, count * 4, here.size(), Figures.median(here), Figures.percentile(here, 99), max,
          apart.size(), Figures.median(apart), Figures.percentile(apart, 99), apartMax, failures);
      return here.size() == count && apart.size() == count && failures == 0 ? 0 : 1;
    } finally {
      all.forEach(RouteWatcher::close);
    }
  }

  /** Moves the route with {@code write} and waits up to 30 s for every watcher to see it: each one's delay in ms. */
  private static List<Double> move(int count, ConcurrentMap<Integer, Long> sawAt, Runnable write) {
    long moved = System.nanoTime();
    write.run();
    long deadline = moved + Duration.ofSeconds(30).toNanos();
    while (sawAt.size() < count && System.nanoTime() < deadline) {
      Figures.sleep(10);
    }
    return sawAt.values().stream().map(at -> (at - moved) / 1e6).toList();
  }

  private static String describe(List<Double> ms, int count) {
    return String.format("%d of %d saw it; after p50 %.0f ms, p99 %.0f ms, max %.0f ms", ms.size(), count, Figures.median(ms),
        Figures.percentile(ms, 99), Figures.percentile(ms, 100));
  }

  private static long requests(List<RouteWatcher> all) {
    return all.stream().mapToLong(w -> w.stats().requests()).sum();
  }
}
