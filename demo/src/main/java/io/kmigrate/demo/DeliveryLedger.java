package io.kmigrate.demo;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The demo's proof: every acknowledged send and every consumed record by key and sequence, from
 * which lost (produced, never consumed), duplicates and per-key order breaks are counted.
 * Sequences start at 1 and run without holes per key, so a bit per sequence holds them: at
 * 50,000 msg/s a boxed set per key would cost the demo's JVM hundreds of megabytes.
 *
 * <p>Each key has a lock of its own. One lock for the whole ledger was taken 100,000 times a second
 * at 50,000 msg/s, by every producer's I/O thread (acknowledgments) and the consumer, so the I/O
 * threads queued behind the consumer and each other: acknowledgments were delayed by the proof
 * itself, and the pauses read from them with them. Producers write disjoint keys, so a key's lock is
 * shared only with the consumers (and the history writer) of that key.
 */
public final class DeliveryLedger {
  private final Map<String, KeyLedger> keys = new ConcurrentHashMap<>();
  private final LongAdder producedCount = new LongAdder();
  private final LongAdder consumedCount = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder outOfOrder = new LongAdder();
  private final LongAdder abortedSent = new LongAdder();
  private final LongAdder abortedConsumed = new LongAdder();
  /** Ledgers of other groups reading the same sends (see {@link #anotherGroup}). */
  private final List<DeliveryLedger> otherGroups = new CopyOnWriteArrayList<>();

  /** One key's sequences, guarded by itself. */
  private static final class KeyLedger {
    final BitSet produced = new BitSet();
    final BitSet consumed = new BitSet();
    /** The highest sequence consumed, 0 before any. */
    long lastConsumed;
  }

  public void acknowledged(String key, long seq) {
    KeyLedger k = key(key);
    boolean first;
    synchronized (k) {
      first = !k.produced.get(index(seq));
      k.produced.set(index(seq));
    }
    if (first) {
      producedCount.increment();
    }
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

  public void consumed(String key, long seq) {
    consumedCount.increment();
    KeyLedger k = key(key);
    synchronized (k) {
      if (k.consumed.get(index(seq))) {
        duplicates.increment();
        return;
      }
      k.consumed.set(index(seq));
      if (seq < k.lastConsumed) {
        outOfOrder.increment();
      }
      k.lastConsumed = Math.max(k.lastConsumed, seq);
    }
  }

  private KeyLedger key(String key) {
    KeyLedger k = keys.get(key); // the common case, without computeIfAbsent's bin lock
    return k != null ? k : keys.computeIfAbsent(key, x -> new KeyLedger());
  }

  /** {@code records} were written in a transaction that was then aborted. */
  public void abortedSent(long records) {
    abortedSent.add(records);
  }

  /** A consumer read a record of an aborted transaction: a read_committed consumer never may. */
  public void consumedAborted() {
    abortedConsumed.increment();
  }

  public long abortedSent() {
    return abortedSent.sum();
  }

  public long abortedConsumed() {
    return abortedConsumed.sum();
  }

  private static int index(long seq) {
    return Math.toIntExact(seq);
  }

  public long produced() {
    return producedCount.sum();
  }

  public long consumed() {
    return consumedCount.sum();
  }

  public long lost() {
    long lost = 0;
    for (KeyLedger k : keys.values()) {
      synchronized (k) {
        BitSet missing = (BitSet) k.produced.clone();
        missing.andNot(k.consumed);
        lost += missing.cardinality();
      }
    }
    return lost;
  }

  public long duplicates() {
    return duplicates.sum();
  }

  public long outOfOrder() {
    return outOfOrder.sum();
  }
}
