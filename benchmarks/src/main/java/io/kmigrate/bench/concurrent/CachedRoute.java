package io.kmigrate.bench.concurrent;

import io.kmigrate.demo.RouteClient;
import io.kmigrate.demo.RouteSource;
import java.time.Duration;

/**
 * A client's route as an application running a routing-API client would hold it: asked of the API
 * at most every {@code every} (the sample clients look every 250 ms; two hundred of them at that
 * pace would load this machine more than the migrations do), and kept when the API does not
 * answer in time, as an application must not stop because a route check failed.
 */
final class CachedRoute implements RouteSource {
  private final RouteSource api;
  private final long everyNanos;
  private RouteClient.Route last;
  private long askedAt;
  private long failures;

  CachedRoute(RouteSource api, Duration every) {
    this.api = api;
    this.everyNanos = every.toNanos();
  }

  @Override
  public synchronized RouteClient.Route fetch() {
    long now = System.nanoTime();
    if (last == null || now - askedAt >= everyNanos) {
      askedAt = now;
      try {
        last = api.fetch();
      } catch (IllegalStateException e) {
        if (last == null) {
          throw e; // no route yet: the client cannot start anywhere
        }
        failures++;
      }
    }
    return last;
  }

  /** Route checks the API did not answer, the route kept meanwhile. */
  synchronized long failures() {
    return failures;
  }
}
