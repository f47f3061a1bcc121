package io.kmigrate.api.demo;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The demo's proof: every acknowledged send and every consumed record by key and sequence, from
 * which lost (produced, never consumed), duplicates and per-key order breaks are counted.
 */
public final class DeliveryLedger {
  private final Map<String, Set<Long>> produced = new HashMap<>();
  private final Map<String, Set<Long>> consumed = new HashMap<>();
  private final Map<String, Long> lastConsumed = new HashMap<>();
  private long producedCount;
  private long consumedCount;
  private long duplicates;
  private long outOfOrder;
  private long maxPauseMs;
  private long lastSendAtMs = -1;

  public synchronized void sent(long atMs) {
    if (lastSendAtMs >= 0) {
      maxPauseMs = Math.max(maxPauseMs, atMs - lastSendAtMs);
    }
    lastSendAtMs = atMs;
  }

  public synchronized void acknowledged(String key, long seq) {
    if (produced.computeIfAbsent(key, k -> new HashSet<>()).add(seq)) {
      producedCount++;
    }
  }

  public synchronized void consumed(String key, long seq) {
    consumedCount++;
    if (!consumed.computeIfAbsent(key, k -> new HashSet<>()).add(seq)) {
      duplicates++;
      return;
    }
    Long last = lastConsumed.get(key);
    if (last != null && seq < last) {
      outOfOrder++;
    }
    lastConsumed.merge(key, seq, Math::max);
  }

  public synchronized long produced() {
    return producedCount;
  }

  public synchronized long consumed() {
    return consumedCount;
  }

  public synchronized long lost() {
    long lost = 0;
    for (var e : produced.entrySet()) {
      Set<Long> got = consumed.getOrDefault(e.getKey(), Set.of());
      lost += e.getValue().stream().filter(s -> !got.contains(s)).count();
    }
    return lost;
  }

  public synchronized long duplicates() {
    return duplicates;
  }

  public synchronized long outOfOrder() {
    return outOfOrder;
  }

  public synchronized long maxPauseMs() {
    return maxPauseMs;
  }
}
