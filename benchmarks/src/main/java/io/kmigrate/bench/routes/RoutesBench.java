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
 * each instance's listener has the new version. Anchor: the demo's sample apps before this, which
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
    RouteStore routes = new RouteStore(stack.runtime().database().jdbi());
    long first = routes.point(CLIENT, "source", "127.0.0.1:1").version();
    ConcurrentMap<Integer, Long> sawMoveAt = new ConcurrentHashMap<>();
    List<RouteWatcher> all = new ArrayList<>();
    try {
      long t0 = System.nanoTime();
      for (int i = 0; i < count; i++) {
        int id = i;
        all.add(RouteWatcher.start(RouteWatcher.Options.of(stack.apiBase(), CLIENT).withToken(ApiToken.none()), (Route r) -> {
          if (r.version() > first) {
            sawMoveAt.putIfAbsent(id, System.nanoTime());
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

      long moved = System.nanoTime();
      routes.point(CLIENT, "target", "127.0.0.1:2");
      long deadline = moved + Duration.ofSeconds(30).toNanos();
      while (sawMoveAt.size() < count && System.nanoTime() < deadline) {
        Figures.sleep(10);
      }
      List<Double> ms = sawMoveAt.values().stream().map(at -> (at - moved) / 1e6).toList();
      long failures = all.stream().mapToLong(w -> w.stats().failures()).sum();
      double p99 = Figures.percentile(ms, 99);
      double max = Figures.percentile(ms, 100);
      out.printf("  idle: %.1f requests/s to the API from %d instances (anchor: polling every 250 ms, %d requests/s)%n",
          idleRps, count, count * 4);
      out.printf("  the move: %d of %d saw it; after p50 %.0f ms, p99 %.0f ms, max %.0f ms; failed requests %d%n",
          ms.size(), count, Figures.median(ms), p99, max, failures);
      out.printf("  targets: idle < %.0f requests/s %s; every instance within %d ms %s%n", TARGET_IDLE_RPS, Figures.met(idleRps < TARGET_IDLE_RPS),
          TARGET_CHANGE_MS, Figures.met(ms.size() == count && max <= TARGET_CHANGE_MS));
      out.printf("routes watchers=%d idle_rps=%.1f anchor_rps=%d saw_move=%d change_p50_ms=%.0f p99_ms=%.0f max_ms=%.0f failures=%d%n",
          count, idleRps, count * 4, ms.size(), Figures.median(ms), p99, max, failures);
      return ms.size() == count && failures == 0 ? 0 : 1;
    } finally {
      all.forEach(RouteWatcher::close);
    }
  }

  private static long requests(List<RouteWatcher> all) {
    return all.stream().mapToLong(w -> w.stats().requests()).sum();
  }
}
