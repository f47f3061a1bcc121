package io.kmigrate.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A producer's pauses: the gaps between its consecutive sends, and those spanning a route change
 * (flush and close on the old cluster, connect and first metadata on the new one, or a fence).
 * Written by the producer's thread, read by others.
 */
public final class SendGaps {
  /** One route change: the producer's pause across it, and the part spent flushing and closing the old producer. */
  public record Cutover(long pauseMs, long closeOldMs) {}

  private long lastSentNanos = -1;
  private long maxNanos;
  private long closingNanos = -1;
  private final List<Cutover> cutovers = new ArrayList<>();

  /** The route changed; the old producer (if any) took {@code closeNanos} to flush and close. */
  synchronized void routeChanged(long closeNanos) {
    closingNanos = Math.max(0, closingNanos) + closeNanos;
  }

  /** A send returned at {@code nowNanos}. */
  synchronized void sent(long nowNanos) {
    if (lastSentNanos >= 0) {
      long gap = nowNanos - lastSentNanos;
      maxNanos = Math.max(maxNanos, gap);
      if (closingNanos >= 0) {
        cutovers.add(new Cutover(gap / 1_000_000, closingNanos / 1_000_000));
      }
    }
    closingNanos = -1;
    lastSentNanos = nowNanos;
  }

  synchronized long maxMs() {
    return maxNanos / 1_000_000;
  }

  synchronized List<Cutover> cutovers() {
    return List.copyOf(cutovers);
  }
}
