package io.kmigrate.demo;

/**
 * A steady send rate released in ticks: the sends due by now go out together, then the thread
 * sleeps until the next falls due, and at least one tick. Pacing each record with its own sleep
 * woke the demo's 16 producers up to 16,000 times a second at 50,000 msg/s (Java 17 rounds a
 * sleep's nanoseconds up to a whole millisecond, so each slept at least 1 ms): scheduler work on a
 * 2-core host, which the brokers being measured waited behind. A tick of 5 ms is
 * {@code linger.ms}' default: the producer batches that long anyway. Not thread-safe: one sending
 * thread owns it.
 */
final class Pacer {
  static final long TICK_MS = 5;
  private static final long SECOND = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  private final int ratePerSec;
  private final long startNanos;
  private long released;

  Pacer(int ratePerSec, long startNanos) {
    if (ratePerSec < 1) {
      throw new IllegalArgumentException("a pacer needs a rate of at least 1 per second");
    }
    this.ratePerSec = ratePerSec;
    this.startNanos = startNanos;
  }

  /** How many sends have fallen due by {@code nowNanos} that earlier calls did not release; releases them. */
  long release(long nowNanos) {
    long elapsed = Math.max(0, nowNanos - startNanos);
    // Split so that hours at a high rate cannot overflow a long.
    long dueByNow = elapsed / SECOND * ratePerSec + elapsed % SECOND * ratePerSec / SECOND;
    long due = Math.max(0, dueByNow - released);
    released = Math.max(released, dueByNow);
    return due;
  }

  /** How long to sleep at {@code nowNanos}: until the next send falls due, at least a tick. */
  long sleepMs(long nowNanos) {
    long untilNext = dueAt(released + 1) - (nowNanos - startNanos);
    return Math.max(TICK_MS, (untilNext + MS - 1) / MS);
  }

  /** Sleeps as {@link #sleepMs} says. */
  void awaitNext() throws InterruptedException {
    Thread.sleep(sleepMs(System.nanoTime()));
  }

  /** When the {@code n}th send falls due, in ns from the start: the first moment {@link #release} counts it. */
  private long dueAt(long n) {
    return n / ratePerSec * SECOND + (n % ratePerSec * SECOND + ratePerSec - 1) / ratePerSec;
  }
}
