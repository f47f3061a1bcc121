package io.kmigrate.bench.mirror;

import io.kmigrate.activities.lag.LagReader;
import io.kmigrate.bench.Figures;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * When a copy's records arrived on the target: its topic's end offsets (the topic starts empty
 * and no transaction writes to it, so they count records) polled every {@link #POLL_MS}, the
 * same watch for both copies. The first and the last arrival are measured from {@code startedNanos}.
 */
record Arrival(long records, double firstSeconds, double lastSeconds) {
  static final long POLL_MS = 50;
  /** A copy that adds nothing for this long has stopped: the run fails instead of waiting forever. */
  static final Duration STALL = Duration.ofSeconds(60);

  /**
   * @param alive called before every poll: throws when the copy died, so a failed copy is not a stall
   */
  static Arrival await(Admin target, String topic, long records, long startedNanos, Runnable alive) {
    LagReader ends = new LagReader(target, List.of(topic));
    long first = -1;
    long seen = 0;
    long progressAt = System.nanoTime();
    while (true) {
      alive.run();
      long now = System.nanoTime();
      long held = ends.endOffsets().values().stream().mapToLong(Long::longValue).sum();
      if (held > 0 && first < 0) {
        first = now;
      }
      if (held >= records) {
        return new Arrival(records, seconds(first - startedNanos), seconds(now - startedNanos));
      }
      if (held > seen) {
        seen = held;
        progressAt = now;
      } else if (now - progressAt > STALL.toNanos()) {
        throw new IllegalStateException("the copy to " + topic + " stalled at " + held + " of " + records + " records for " + Figures.duration(STALL));
      }
      Figures.sleep(POLL_MS);
    }
  }

  double recordsPerSecond() {
    return records / lastSeconds;
  }

  /** The rate once records arrived: without the copy's start-up (Connect starting MirrorMaker's tasks). */
  double copyingRecordsPerSecond() {
    return records / (lastSeconds - firstSeconds);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
