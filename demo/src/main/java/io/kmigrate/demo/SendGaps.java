package io.kmigrate.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A producer's pauses, read from its acknowledgments as a reader of its records would see them:
 * the gaps between consecutive acknowledgments, and for each route change the longest gap from
 * the moment the producer began its move (the change reaching it plus its spread wait) to the
 * first acknowledgment after the move. The move is the new producer's warm-up (a start-up that
 * competes with the old producer's sends), the old producer's flush, the held sends handed over
 * and the new cluster's first produce, or a fence. During the spread wait the
 * producer sends to the old cluster as before, so a gap there is not the move's; it is kept apart,
 * counted from the change reaching the producer. Written by the producer's I/O threads and its
 * route listener, read by others.
 */
public final class SendGaps {
  /**
   * One route change: the pause across the move, the same counted from the change reaching the
   * producer (its spread wait included), and how long the producer held sends during it.
   */
  public record Cutover(long pauseMs, long sinceRouteMs, long heldMs) {}

  /**
   * Gaps kept until the move's start is known (while the instance waits, warms up and hands over):
   * at most this many, the newest, which are the ones nearest the move's start.
   */
  private static final int EARLY_GAPS_KEPT = 10_000;
  private static final long MS = 1_000_000;

  private long lastAckNanos = -1;
  private long maxNanos;
  private boolean changing;
  private boolean moved;
  private long changeNanos;
  private long moveStartNanos;
  private long moveMaxNanos;
  private long sinceRouteMaxNanos;
  private long heldMs;
  /** Gaps of 1 ms or more, as {end, length}, seen in a change before its move's start was known. */
  private final Deque<long[]> earlyGaps = new ArrayDeque<>();
  private final List<Cutover> cutovers = new ArrayList<>();

  /** A route change reached the producer at {@code nowNanos}; a fence (stop, then a route) is one change. */
  synchronized void changing(long nowNanos) {
    if (!changing) {
      changing = true;
      changeNanos = nowNanos;
      moveStartNanos = -1;
      moveMaxNanos = 0;
      sinceRouteMaxNanos = 0;
      heldMs = 0;
      earlyGaps.clear();
    }
    moved = false;
  }

  /** The producer moved, after waiting {@code spreadMs} before it began and holding sends for {@code held} ms. */
  synchronized void changed(long held, long spreadMs) {
    heldMs += held;
    if (moveStartNanos < 0) {
      moveStartNanos = changeNanos + spreadMs * MS;
      earlyGaps.forEach(g -> moveMaxNanos = Math.max(moveMaxNanos, afterMoveStart(g[0], g[1])));
      earlyGaps.clear();
    }
    moved = true;
  }

  /** A record was acknowledged at {@code nowNanos}. */
  synchronized void acked(long nowNanos) {
    if (lastAckNanos >= 0) {
      long gap = nowNanos - lastAckNanos;
      maxNanos = Math.max(maxNanos, gap);
      if (changing) {
        sinceRouteMaxNanos = Math.max(sinceRouteMaxNanos, Math.min(gap, nowNanos - changeNanos));
        if (moveStartNanos >= 0) {
          moveMaxNanos = Math.max(moveMaxNanos, afterMoveStart(nowNanos, gap));
        } else if (gap >= MS) {
          if (earlyGaps.size() == EARLY_GAPS_KEPT) {
            earlyGaps.pollFirst();
          }
          earlyGaps.addLast(new long[] {nowNanos, gap});
        }
      }
    }
    lastAckNanos = Math.max(lastAckNanos, nowNanos);
    if (changing && moved) {
      cutovers.add(new Cutover(moveMaxNanos / MS, sinceRouteMaxNanos / MS, heldMs));
      changing = false;
    }
  }

  /** The part of a gap ending at {@code end} that falls after the move's start. */
  private long afterMoveStart(long end, long gap) {
    return end <= moveStartNanos ? 0 : Math.min(gap, end - moveStartNanos);
  }

  synchronized long maxMs() {
    return maxNanos / MS;
  }

  synchronized List<Cutover> cutovers() {
    return List.copyOf(cutovers);
  }
}
