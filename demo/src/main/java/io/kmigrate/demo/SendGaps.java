package io.kmigrate.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A producer's pauses, read from its acknowledgments as a reader of its records would see them:
 * the gaps between consecutive acknowledgments, and for each route change the longest gap from
 * the moment the change reached the producer to the first acknowledgment after the move (the old
 * producer's flush, the held sends handed over, the new cluster's first produce, or a fence).
 * Written by the producer's I/O threads and its route listener, read by others.
 */
public final class SendGaps {
  /** One route change: the pause across it, and how long the producer held sends during it. */
  public record Cutover(long pauseMs, long heldMs) {}

  private long lastAckNanos = -1;
  private long maxNanos;
  private boolean changing;
  private boolean moved;
  private long windowMaxNanos;
  private long heldMs;
  private final List<Cutover> cutovers = new ArrayList<>();

  /** A route change reached the producer; a fence (stop, then a route) is one change. */
  synchronized void changing() {
    if (!changing) {
      changing = true;
      windowMaxNanos = 0;
      heldMs = 0;
    }
    moved = false;
  }

  /** The producer moved, holding sends for {@code held} ms. */
  synchronized void changed(long held) {
    heldMs += held;
    moved = true;
  }

  /** A record was acknowledged at {@code nowNanos}. */
  synchronized void acked(long nowNanos) {
    if (lastAckNanos >= 0) {
      long gap = nowNanos - lastAckNanos;
      maxNanos = Math.max(maxNanos, gap);
      if (changing) {
        windowMaxNanos = Math.max(windowMaxNanos, gap);
      }
    }
    lastAckNanos = Math.max(lastAckNanos, nowNanos);
    if (changing && moved) {
      cutovers.add(new Cutover(windowMaxNanos / 1_000_000, heldMs));
      changing = false;
    }
  }

  synchronized long maxMs() {
    return maxNanos / 1_000_000;
  }

  synchronized List<Cutover> cutovers() {
    return List.copyOf(cutovers);
  }
}
