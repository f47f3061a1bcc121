package io.kmigrate.clients;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The library's own settings, read from the same map as the Kafka client's (so a Spring
 * {@code application.yml} or a properties file carries them) and taken out before Kafka sees it:
 * {@value #HOLD_MAX_RECORDS} (sends held while there is no cluster to send to, default 10,000; then
 * {@code send} blocks up to {@code max.block.ms}), {@value #WARMUP_TIMEOUT_MS} (how long a new
 * producer may take to fetch metadata before the switch goes on without it, default 10 s),
 * {@value #MOVE_SPREAD_MS} (a producer moving from one cluster to another first waits a random time
 * up to this, default 3,000 ms, still sending to the old one: see {@link RoutingProducer}).
 * {@code bootstrap.servers} is the route's; one set here is ignored.
 */
record RoutingSettings(
    Map<String, Object> kafka, int holdMaxRecords, Duration warmupTimeout, Duration moveSpread, Duration maxBlock, Duration transactionTimeout,
    Duration retryBackoff) {
  static final String HOLD_MAX_RECORDS = "kmigrate.hold.max.records";
  static final String WARMUP_TIMEOUT_MS = "kmigrate.warmup.timeout.ms";
  static final String MOVE_SPREAD_MS = "kmigrate.move.spread.ms";
  /**
   * Three seconds: on the demo's 16 producers at 50,000 msg/s, one second still had instances
   * warming up together on the target; three took the pauses' p50 from 134 to 97 ms and p95 from
   * 291 to 206 ms (BENCHMARKS.md, "cutover pause").
   */
  static final long DEFAULT_MOVE_SPREAD_MS = 3_000;

  static RoutingSettings of(Map<String, ?> configs) {
    Map<String, Object> kafka = new HashMap<>(configs);
    long hold = number(kafka.remove(HOLD_MAX_RECORDS), 10_000, 1, Integer.MAX_VALUE, HOLD_MAX_RECORDS);
    long warmup = number(kafka.remove(WARMUP_TIMEOUT_MS), 10_000, 0, Long.MAX_VALUE, WARMUP_TIMEOUT_MS);
    long spread = number(kafka.remove(MOVE_SPREAD_MS), DEFAULT_MOVE_SPREAD_MS, 0, Duration.ofMinutes(10).toMillis(), MOVE_SPREAD_MS);
    kafka.remove("bootstrap.servers");
    long maxBlock = number(kafka.get("max.block.ms"), 60_000, 0, Long.MAX_VALUE, "max.block.ms");
    long transactionTimeout = number(kafka.get("transaction.timeout.ms"), 60_000, 0, Long.MAX_VALUE, "transaction.timeout.ms");
    long retryBackoff = number(kafka.get("retry.backoff.ms"), 100, 0, Long.MAX_VALUE, "retry.backoff.ms");
    // Kafka takes null values (its defaults apply): Map.copyOf would not.
    return new RoutingSettings(Collections.unmodifiableMap(kafka), (int) hold, atMostADay(warmup), Duration.ofMillis(spread), atMostADay(maxBlock),
        atMostADay(transactionTimeout), atMostADay(retryBackoff));
  }

  /** The Kafka client's settings for {@code route}'s cluster. */
  Map<String, Object> forRoute(Route route) {
    return forRoute(kafka, route);
  }

  /** {@code base} (a client's settings, without bootstrap servers) for {@code route}'s cluster: the consumer's too. */
  static Map<String, Object> forRoute(Map<String, Object> base, Route route) {
    Map<String, Object> c = new HashMap<>(base);
    c.put("bootstrap.servers", route.bootstrapServers());
    return c;
  }

  /** Longer waits are as good as forever, and their nanoseconds would overflow a long. */
  private static Duration atMostADay(long ms) {
    return Duration.ofMillis(Math.min(ms, Duration.ofDays(1).toMillis()));
  }

  private static long number(Object value, long otherwise, long least, long most, String key) {
    if (value == null) {
      return otherwise;
    }
    try {
      long n = value instanceof Number num ? num.longValue() : Long.parseLong(value.toString().strip());
      if (n < least || n > most) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": '" + value + "' is not a whole number from " + least + " to " + most);
    }
  }
}
