package io.kmigrate.activities.mirror;

import io.kmigrate.activities.kafka.ReadCommittedConsumers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where a consumer group resumes on the target, established from the records: the copy of its
 * first unconsumed source record, nothing re-read and nothing skipped.
 *
 * <p>MirrorMaker's offset syncs name exact pairs: the source record at {@code upstream} was written
 * to the target at {@code downstream}. The handover starts from the sync nearest to the group's
 * committed offset {@code C} and compares records as a read_committed consumer sees them (no
 * aborted records, no transaction markers, no compacted-away offsets), record for record (key,
 * value, headers, timestamp):
 *
 * <ul>
 *   <li>From a sync at or below {@code C}: the source records {@code [upstream, C)} must be the
 *       target's from {@code downstream} on, and the group resumes right after them. The target
 *       record after them, if any, must be the copy of the source's first record at or after
 *       {@code C}: one that is not (a batch MirrorMaker sent twice, a record written to the target
 *       by someone else) would be read twice or out of place. Where the group consumed all the
 *       source holds, the target's next record was written there (producers moved first), unless
 *       it repeats a record of the window.
 *   <li>From a sync above {@code C} (MirrorMaker sends only its latest sync per partition when it
 *       copies fast, so a group far behind may have none below): the source records from
 *       {@code C} up to the synced one must be the target records right before its copy, and the
 *       group resumes at the first of them.
 * </ul>
 *
 * Anything that does not match is reported, never guessed around: {@link Result#exact} is false
 * and says why. The window is as long as the distance to the nearest sync (MirrorMaker's
 * {@code offset.lag.max}, 100 records by default, when it syncs every record it may), whatever the
 * partition holds.
 */
public final class OffsetHandover {
  /** The most records one window reads on either side; MirrorMaker syncs far more often. */
  static final int MAX_WINDOW = 100_000;
  private static final Duration POLL = Duration.ofMillis(200);

  private final Properties sourceClient;
  private final Properties targetClient;
  private final Duration timeout;

  public OffsetHandover(Properties sourceClient, Properties targetClient, Duration timeout) {
    this.sourceClient = sourceClient;
    this.targetClient = targetClient;
    this.timeout = timeout;
  }

  /**
   * A group-partition to hand over: its committed source offset and MirrorMaker's syncs next to
   * it, the newest at or below it and the first above it (either may be null, not both).
   */
  public record Request(TopicPartition partition, long committed, OffsetSyncs.Sync below, OffsetSyncs.Sync above) {
    /** The nearer sync first. */
    List<Anchored> attempts() {
      List<Anchored> out = new ArrayList<>();
      if (below != null) {
        out.add(new Anchored(partition, committed, below.upstream(), below.downstream()));
      }
      if (above != null) {
        Anchored a = new Anchored(partition, committed, above.upstream(), above.downstream());
        if (below == null || above.upstream() - committed < committed - below.upstream()) {
          out.add(0, a);
        } else {
          out.add(a);
        }
      }
      return out;
    }
  }

  /** One way to hand a group-partition over: from one sync. */
  record Anchored(TopicPartition partition, long committed, long anchorUpstream, long anchorDownstream) {}

  /**
   * How one group-partition resumes.
   *
   * @param offset the exact target offset, or -1 when it could not be established
   * @param copied false while the records could not be compared yet: the mirror has not copied up
   *     to the committed offset, a transaction is open there, or a cluster did not answer in time
   * @param reason why the offset is not exact, or null
   * @param window how many source records lie between the sync below and the committed offset: what
   *     resuming at MirrorMaker's own translation (right after that sync) would read again; -1
   *     when only a sync above was compared
   * @param syncBelowHolds false when the target does not hold the copy the sync below names: then
   *     MirrorMaker's translation, made from that sync, is no fallback either
   */
  public record Result(
      TopicPartition partition, long committed, long offset, boolean exact, boolean copied, String reason, long window, boolean syncBelowHolds) {
    Result disprovingTheSyncBelow() {
      return new Result(partition, committed, offset, exact, copied, reason, window, false);
    }
  }

  /**
   * Resolves every request, from its nearer sync and, where that does not prove the offset, from
   * the other; {@code progress} runs after each (a heartbeat). A partition that cannot be read is
   * a result with its reason, never an exception for all.
   */
  public List<Result> resolve(List<Request> requests, Runnable progress) {
    List<Result> results = new ArrayList<>();
    try (Reader source = new Reader(sourceClient, "source"); Reader target = new Reader(targetClient, "target")) {
      for (Request request : requests) {
        Result best = null;
        boolean syncBelowHolds = true;
        for (Anchored a : request.attempts()) {
          Result r = attempt(a, source, target);
          syncBelowHolds &= r.syncBelowHolds();
          // An exact result, or one still waiting to compare, is the answer. A disproof may be the
          // anchor's own fault (compacted away, say): the other sync is tried, and of two disproofs
          // the one from below is kept, for it counts what MirrorMaker's translation reads again.
          if (best == null || r.exact() || !r.copied() || (best.window() < 0 && r.window() >= 0)) {
            best = r;
          }
          if (r.exact() || !r.copied()) {
            break;
          }
        }
        results.add(syncBelowHolds || best.exact() ? best : best.disprovingTheSyncBelow());
        progress.run();
      }
    }
    return results;
  }

  private Result attempt(Anchored r, Reader source, Reader target) {
    try {
      return r.anchorUpstream() <= r.committed() ? fromBelow(r, source, target) : fromAbove(r, source, target);
    } catch (OffsetOutOfRangeException e) {
      return notExact(r, "offset " + e.offsetOutOfRangePartitions().get(r.partition()) + " of " + r.partition()
          + " no longer exists (retention or deleteRecords removed it)", r.anchorUpstream() <= r.committed() ? 0 : -1);
    } catch (KafkaException e) {
      return waiting(r, r.partition() + " could not be read: " + e);
    }
  }

  /**
   * From a sync above the committed offset: the source records from the committed offset up to
   * the synced one must be the target records right before its copy, record for record; the
   * group resumes at the copy of the first of them.
   */
  private Result fromAbove(Anchored r, Reader source, Reader target) {
    TopicPartition tp = r.partition();
    List<Digest> ahead = new ArrayList<>();
    Read sourceRead = source.read(tp, r.committed(), MAX_WINDOW + 2, (offset, digest) -> {
      if (offset <= r.anchorUpstream()) {
        ahead.add(digest);
      }
      return offset < r.anchorUpstream() && ahead.size() <= MAX_WINDOW;
    });
    if (ahead.size() > MAX_WINDOW) {
      return notExact(r, "more than " + MAX_WINDOW + " records lie between the committed offset and MirrorMaker's nearest offset sync", -1);
    }
    if (!sourceRead.inTime()) {
      return waiting(r, "the source records from the committed offset could not be read within " + timeout.toSeconds() + "s");
    }
    if (ahead.isEmpty() || ahead.get(ahead.size() - 1).offset() != r.anchorUpstream()) {
      return notExact(r, "the source record at offset " + r.anchorUpstream() + ", which MirrorMaker synced, is gone (compacted or deleted)", -1);
    }
    long resumeAt = r.anchorDownstream() - (ahead.size() - 1);
    if (resumeAt < 0) {
      return notExact(r, "the target holds fewer records before offset " + r.anchorDownstream() + " than the source before offset "
          + r.anchorUpstream() + " since the committed offset: a record missing from the copy", -1);
    }
    List<Digest> copies = new ArrayList<>();
    Read targetRead = target.read(tp, resumeAt, ahead.size(), (offset, digest) -> {
      copies.add(digest);
      return true;
    });
    if (!targetRead.inTime()) {
      return waiting(r, "the target could not be read within " + timeout.toSeconds() + "s");
    }
    for (int i = 0; i < ahead.size(); i++) {
      if (i >= copies.size() || copies.get(i).offset() != resumeAt + i || !ahead.get(i).sameRecord(copies.get(i))) {
        return notExact(r, "target offset " + (resumeAt + i) + " does not hold the copy of source offset " + ahead.get(i).offset()
            + " (a record missing from the copy, one it holds twice, or one from elsewhere)", -1);
      }
    }
    return new Result(tp, r.committed(), resumeAt, true, true, null, -1, true);
  }

  /**
   * From a sync at or below the committed offset: the source records from the synced one up to
   * the committed offset must be the target records from its copy on, record for record, and the
   * target record after them the copy of the source's next; the group resumes right after them.
   */
  private Result fromBelow(Anchored r, Reader source, Reader target) {
    TopicPartition tp = r.partition();
    // The source records from the anchor up to the first one at or after the committed offset.
    List<Digest> below = new ArrayList<>();
    Digest[] next = {null};
    Read sourceRead = source.read(tp, r.anchorUpstream(), MAX_WINDOW + 1, (offset, digest) -> {
      if (offset >= r.committed()) {
        next[0] = digest;
        return false;
      }
      below.add(digest);
      return below.size() <= MAX_WINDOW;
    });
    if (below.size() > MAX_WINDOW) {
      return notExact(r, "more than " + MAX_WINDOW + " records lie between MirrorMaker's nearest offset sync and the committed offset", below.size());
    }
    if (!sourceRead.inTime()) {
      return waiting(r, "the source records up to the committed offset could not be read within " + timeout.toSeconds() + "s");
    }
    if (next[0] == null && sourceRead.end() < r.committed()) {
      // A read_uncommitted group committed inside an open transaction: MirrorMaker copies it once it ends.
      return new Result(tp, r.committed(), -1, false, false, "the committed offset lies beyond the source's last stable offset "
          + sourceRead.end() + " (inside an open transaction, which the mirror copies once it ends)", below.size(), true);
    }
    Digest first = below.isEmpty() ? next[0] : below.get(0);
    if (first == null || first.offset() != r.anchorUpstream()) {
      return notExact(r, "the source record at offset " + r.anchorUpstream() + ", which MirrorMaker synced, is gone (compacted or deleted)",
          below.size());
    }
    // Its copies, and the target record after them.
    List<Digest> copies = new ArrayList<>();
    Read targetRead = target.read(tp, r.anchorDownstream(), below.size() + 1, (offset, digest) -> {
      copies.add(digest);
      return copies.size() <= below.size();
    });
    // With the sync at the committed offset itself, its copy must be there to resume at.
    int needed = Math.max(below.size(), 1);
    if (copies.size() < needed) {
      return new Result(tp, r.committed(), -1, false, false,
          targetRead.inTime() ? "the mirror has copied " + copies.size() + " of the " + needed + " records from its offset sync on"
              : "the target could not be read within " + timeout.toSeconds() + "s", below.size(), true);
    }
    for (int i = 0; i < below.size(); i++) {
      if (!below.get(i).sameRecord(copies.get(i))) {
        Result r0 = notExact(r, "target offset " + copies.get(i).offset() + " does not hold the copy of source offset " + below.get(i).offset()
            + (i == 0 ? " (the record MirrorMaker synced there)" : " (a record missing from the copy, or one the copy holds twice)"),
            below.size());
        return i == 0 ? r0.disprovingTheSyncBelow() : r0;
      }
    }
    // The sync itself at the committed offset: its copy is where the group resumes.
    long resumeAt = below.isEmpty() ? r.anchorDownstream() : copies.get(below.size() - 1).offset() + 1;
    if (copies.size() > below.size()) {
      Digest after = copies.get(below.size());
      if (next[0] == null) {
        // The mirror copied a record the source got after it was read: read the source's next record now.
        source.read(tp, r.committed(), 1, (offset, digest) -> {
          next[0] = digest;
          return false;
        });
      }
      if (next[0] == null) {
        // The group consumed all the source holds: what follows the copies on the target was
        // written there (producers moved first), unless it repeats a record just copied.
        if (below.stream().anyMatch(after::sameRecord)) {
          return notExact(r, "target offset " + after.offset() + ", where the group would resume, repeats a record copied before it: a batch copied twice",
              below.size());
        }
      } else if (!next[0].sameRecord(after)) {
        return notExact(r, "target offset " + after.offset() + ", where the group would resume, does not hold the copy of the source's next record at offset "
            + next[0].offset() + ": a batch copied twice, or a record from elsewhere", below.size());
      }
      resumeAt = after.offset();
    }
    return new Result(tp, r.committed(), resumeAt, true, true, null, below.size(), true);
  }

  private static Result notExact(Anchored r, String reason, long window) {
    return new Result(r.partition(), r.committed(), -1, false, true, reason, window, true);
  }

  /** Not compared yet: asked again on the next poll. */
  private static Result waiting(Anchored r, String reason) {
    return new Result(r.partition(), r.committed(), -1, false, false, reason, -1, true);
  }

  /** One record's offset and a digest of what a consumer sees of it: key, value, headers and timestamp. */
  record Digest(long offset, byte[] sha256) {
    static Digest of(ConsumerRecord<byte[], byte[]> record, MessageDigest md) {
      md.reset();
      field(md, record.key());
      field(md, record.value());
      Header[] headers = record.headers().toArray();
      md.update(ByteBuffer.allocate(Integer.BYTES + Long.BYTES).putInt(headers.length).putLong(record.timestamp()).array());
      for (Header h : headers) {
        field(md, h.key().getBytes(StandardCharsets.UTF_8));
        field(md, h.value());
      }
      return new Digest(record.offset(), md.digest());
    }

    private static void field(MessageDigest md, byte[] bytes) {
      md.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes == null ? -1 : bytes.length).array());
      if (bytes != null) {
        md.update(bytes);
      }
    }

    boolean sameRecord(Digest other) {
      return Arrays.equals(sha256, other.sha256);
    }
  }

  /** Takes each record read: true to go on reading. */
  @FunctionalInterface
  private interface Each {
    boolean accept(long offset, Digest digest);
  }

  /** How far a read got: in time or not, and the end it read towards (the last stable offset). */
  private record Read(boolean inTime, long end) {}

  /** One consumer per cluster, assign and seek only, reading as a read_committed consumer reads. */
  private final class Reader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final MessageDigest md;

    Reader(Properties client, String side) {
      // MirrorMaker copies what a read_committed consumer reads: compare with the same records.
      Properties p = ReadCommittedConsumers.properties(client, "kmigrate-offset-handover-" + side);
      p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
      this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      try {
        this.md = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }

    /**
     * Reads {@code tp} from {@code from} until {@code each} says stop, {@code max} records were
     * read, or the position reaches the end a read_committed consumer can read (the last stable
     * offset, as it was when the read began).
     */
    Read read(TopicPartition tp, long from, int max, Each each) {
      consumer.assign(List.of(tp));
      consumer.seek(tp, from);
      long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
      int taken = 0;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        if (consumer.position(tp, timeout) >= end) {
          return new Read(true, end);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(tp)) {
          taken++;
          if (!each.accept(record.offset(), Digest.of(record, md)) || taken >= max) {
            return new Read(true, end);
          }
        }
        if (System.nanoTime() > deadline) {
          return new Read(false, end);
        }
      }
    }

    @Override
    public void close() {
      consumer.close(CloseOptions.timeout(Duration.ZERO));
    }
  }
}
