package io.kmigrate.demo;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The demo's proof: every acknowledged send and every consumed record by key and sequence, from
 * which lost (produced, never consumed), duplicates and per-key order breaks are counted.
 * Sequences start at 1 and run without holes per key, so a bit per sequence holds them: at
 * 50,000 msg/s a boxed set per key would cost the demo's JVM hundreds of megabytes.
 */
public final class DeliveryLedger {
  private final Map<String, BitSet> produced = new HashMap<>();
  private final Map<String, BitSet> consumed = new HashMap<>();
  private final Map<String, Long> lastConsumed = new HashMap<>();
  private long producedCount;
  private long consumedCount;
  private long duplicates;
  private long outOfOrder;
  private long abortedSent;
  private long abortedConsumed;
  /** Ledgers of other groups reading the same sends (see {@link #anotherGroup}). */
  private final List<DeliveryLedger> otherGroups = new CopyOnWriteArrayList<>();

  public synchronized void acknowledged(String key, long seq) {
    BitSet seqs = produced.computeIfAbsent(key, k -> new BitSet());
    if (!seqs.get(index(seq))) {
      seqs.set(index(seq));
      producedCount++;
    }
    // Locks this ledger, then the other group's: that one never calls back here.
    otherGroups.forEach(g -> g.acknowledged(key, seq));
  }

  /**
   * The ledger of a second consumer group reading the same topic: every send acknowledged here from
   * now on is one that group must read too, and its lost, duplicates and order are its own.
   */
  public DeliveryLedger anotherGroup() {
    DeliveryLedger other = new DeliveryLedger();
    otherGroups.add(other);
    return other;
  }

  public synchronized void consumed(String key, long seq) {
    consumedCount++;
    BitSet seqs = consumed.computeIfAbsent(key, k -> new BitSet());
    if (seqs.get(index(seq))) {
      duplicates++;
      return;
    }
    seqs.set(index(seq));
    Long last = lastConsumed.get(key);
    if (last != null && seq < last) {
      outOfOrder++;
    }
    lastConsumed.merge(key, seq, Math::max);
  }

  /** {@code records} were written in a transaction that was then aborted. */
  public synchronized void abortedSent(long records) {
    abortedSent += records;
  }

  /** A consumer read a record of an aborted transaction: a read_committed consumer never may. */
  public synchronized void consumedAborted() {
    abortedConsumed++;
  }

  public synchronized long abortedSent() {
    return abortedSent;
  }

  public synchronized long abortedConsumed() {
    return abortedConsumed;
  }

  private static int index(long seq) {
    return Math.toIntExact(seq);
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
      BitSet missing = (BitSet) e.getValue().clone();
      missing.andNot(consumed.getOrDefault(e.getKey(), new BitSet()));
      lost += missing.cardinality();
    }
    return lost;
  }

  public synchronized long duplicates() {
    return duplicates;
  }

  public synchronized long outOfOrder() {
    return outOfOrder;
  }
}
