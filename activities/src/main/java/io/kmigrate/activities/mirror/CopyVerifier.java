package io.kmigrate.activities.mirror;

import io.kmigrate.activities.kafka.ReadCommittedConsumers;
import io.kmigrate.workflows.contract.CopyVerification;
import io.kmigrate.workflows.contract.PartitionCopyCheck;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Verifies a MirrorMaker 2 copy: per partition, the source records from the log start up to a
 * recorded end offset against the same number of records from the start of the same-named target
 * partition. Records the target holds after those (producers write there after the copy) are
 * not compared. One consumer per cluster reads every partition (assign and seek, no group).
 */
public final class CopyVerifier {
  /** How long reading may make no progress before the unfinished partitions are reported unreadable. */
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration POLL = Duration.ofMillis(200);
  private static final int CHECKSUM_HEX_CHARS = 16;
  private static final Comparator<TopicPartition> BY_TOPIC_THEN_PARTITION =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  private final Properties sourceClient;
  private final Properties targetClient;
  private final Duration stallTimeout;

  /** {@code sourceClient}/{@code targetClient}: as from {@code Clusters#clientProperties}. */
  public CopyVerifier(Properties sourceClient, Properties targetClient) {
    this(sourceClient, targetClient, DEFAULT_STALL_TIMEOUT);
  }

  public CopyVerifier(Properties sourceClient, Properties targetClient, Duration stallTimeout) {
    this.sourceClient = sourceClient;
    this.targetClient = targetClient;
    this.stallTimeout = stallTimeout;
  }

  /**
   * Compares every partition in {@code sourceEndOffsets} up to (not including) its recorded end
   * offset. Throws, naming the partition, when that source range cannot be read to its end; a
   * target with fewer records is a mismatch in the result, not an exception.
   */
  public CopyVerification verify(Map<TopicPartition, Long> sourceEndOffsets) {
    List<TopicPartition> partitions = sourceEndOffsets.keySet().stream().sorted(BY_TOPIC_THEN_PARTITION).toList();
    Map<TopicPartition, PartitionRead> source = readSource(partitions, sourceEndOffsets);
    Map<TopicPartition, PartitionRead> target = readTarget(partitions, source);

    List<PartitionCopyCheck> checks = new ArrayList<>();
    long sourceRecords = 0;
    long targetRecords = 0;
    long bytes = 0;
    for (TopicPartition tp : partitions) {
      PartitionRead s = source.get(tp);
      PartitionRead t = target.get(tp);
      String sourceChecksum = s.checksum.hex();
      String targetChecksum = t.checksum.hex();
      boolean matches = s.records == t.records && sourceChecksum.equals(targetChecksum);
      checks.add(new PartitionCopyCheck(
          tp.topic(), tp.partition(), s.from, s.stopOffset, s.records, t.records, sourceChecksum, targetChecksum, matches));
      sourceRecords += s.records;
      targetRecords += t.records;
      bytes += s.bytes;
    }
    boolean allMatch = checks.stream().allMatch(PartitionCopyCheck::matches);
    return new CopyVerification(checks, sourceRecords, targetRecords, bytes, allMatch);
  }

  private Map<TopicPartition, PartitionRead> readSource(List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
    KafkaConsumer<byte[], byte[]> consumer = consumer(sourceClient, "source");
    try {
      requirePartitions(consumer, partitions, "source");
      Map<TopicPartition, Long> starts = offsets(consumer, partitions, true, "source");
      Map<TopicPartition, PartitionRead> reads = new LinkedHashMap<>();
      for (TopicPartition tp : partitions) {
        Long end = ends.get(tp);
        long start = starts.get(tp);
        if (end == null || end < 0) {
          throw new IllegalArgumentException("source " + tp + ": recorded end offset " + end + " is not an offset");
        }
        // The whole recorded range is gone: comparing nothing would pass a copy nobody checked.
        if (end < start) {
          throw new IllegalStateException("source " + tp + ": records up to the recorded end offset " + end
              + " were deleted (retention or deleteRecords): the log now starts at " + start + ", the copy cannot be verified");
        }
        reads.put(tp, new PartitionRead(tp, start, end, Long.MAX_VALUE));
      }
      read(consumer, reads, "source");
      return reads;
    } finally {
      closeNow(consumer);
    }
  }

  /** The first records of each target partition, as many as the source range held. */
  private Map<TopicPartition, PartitionRead> readTarget(List<TopicPartition> partitions, Map<TopicPartition, PartitionRead> source) {
    KafkaConsumer<byte[], byte[]> consumer = consumer(targetClient, "target");
    try {
      requirePartitions(consumer, partitions, "target");
      Map<TopicPartition, Long> starts = offsets(consumer, partitions, true, "target");
      // Ends read once: a target still filling up is compared as it is now, short if it is short.
      Map<TopicPartition, Long> ends = offsets(consumer, partitions, false, "target");
      Map<TopicPartition, PartitionRead> reads = new LinkedHashMap<>();
      for (TopicPartition tp : partitions) {
        reads.put(tp, new PartitionRead(tp, starts.get(tp), ends.get(tp), source.get(tp).records));
      }
      read(consumer, reads, "target");
      return reads;
    } finally {
      closeNow(consumer);
    }
  }

  /** Reads all partitions at once, pausing each as it reaches its limit. */
  private void read(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, PartitionRead> reads, String side) {
    consumer.assign(reads.keySet());
    Set<TopicPartition> open = new HashSet<>();
    for (PartitionRead r : reads.values()) {
      consumer.seek(r.tp, r.from);
      if (r.done(r.from)) {
        consumer.pause(List.of(r.tp));
      } else {
        open.add(r.tp);
      }
    }
    long lastProgress = System.nanoTime();
    while (!open.isEmpty()) {
      ConsumerRecords<byte[], byte[]> records;
      try {
        records = consumer.poll(POLL);
      } catch (OffsetOutOfRangeException e) {
        throw outOfRange(consumer, e, side);
      }
      boolean progressed = false;
      for (TopicPartition tp : records.partitions()) {
        PartitionRead r = reads.get(tp);
        for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
          if (!r.accept(record)) {
            break;
          }
          progressed = true;
        }
      }
      // Position, not the last record, decides: markers and compaction leave offsets no record has.
      for (TopicPartition tp : List.copyOf(open)) {
        PartitionRead r = reads.get(tp);
        long position = consumer.position(tp, stallTimeout);
        progressed |= r.moved(position);
        if (r.done(position)) {
          consumer.pause(List.of(tp));
          open.remove(tp);
        }
      }
      if (progressed) {
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
        throw stalled(consumer, open, reads, side);
      }
    }
  }

  private IllegalStateException outOfRange(KafkaConsumer<byte[], byte[]> consumer, OffsetOutOfRangeException e, String side) {
    Map<TopicPartition, Long> at = e.offsetOutOfRangePartitions();
    Map<TopicPartition, Long> starts = quietly(() -> consumer.beginningOffsets(at.keySet(), stallTimeout));
    String detail = at.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(BY_TOPIC_THEN_PARTITION))
        .map(en -> {
          Long start = starts.get(en.getKey());
          return side + " " + en.getKey() + ": offset " + en.getValue()
              + (start != null && start > en.getValue()
                  ? " was deleted (retention or deleteRecords) before it could be read; the log now starts at " + start
                  : " is out of range (log start " + start + "; topic recreated or truncated?)");
        })
        .collect(Collectors.joining("; "));
    return new IllegalStateException("copy verification cannot read " + detail, e);
  }

  private IllegalStateException stalled(
      KafkaConsumer<byte[], byte[]> consumer, Set<TopicPartition> open, Map<TopicPartition, PartitionRead> reads, String side) {
    Map<TopicPartition, Long> ends = quietly(() -> consumer.endOffsets(open, stallTimeout));
    String detail = open.stream()
        .sorted(BY_TOPIC_THEN_PARTITION)
        .map(tp -> {
          PartitionRead r = reads.get(tp);
          return side + " " + tp + " stuck at offset " + r.position + " of [" + r.from + ", " + r.stopOffset
              + ") with readable end " + ends.get(tp);
        })
        .collect(Collectors.joining("; "));
    return new IllegalStateException(
        "copy verification made no progress for " + stallTimeout.toSeconds() + "s: " + detail
            + " (an open transaction, an unavailable partition, or an end offset the log no longer reaches)");
  }

  private static void requirePartitions(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, String side) {
    Set<TopicPartition> existing = new HashSet<>();
    for (String topic : new TreeSet<>(partitions.stream().map(TopicPartition::topic).toList())) {
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        existing.add(new TopicPartition(info.topic(), info.partition()));
      }
    }
    List<String> missing = partitions.stream().filter(tp -> !existing.contains(tp)).map(TopicPartition::toString).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(side + " has no partition(s) " + missing + ": topic missing or with fewer partitions");
    }
  }

  private Map<TopicPartition, Long> offsets(
      KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, boolean start, String side) {
    try {
      return start ? consumer.beginningOffsets(partitions, stallTimeout) : consumer.endOffsets(partitions, stallTimeout);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          side + ": no " + (start ? "log start" : "end") + " offsets for " + partitions + " within " + stallTimeout.toSeconds() + "s", e);
    }
  }

  /** Offsets for an error message only: failing to read them must not hide the real error. */
  private static Map<TopicPartition, Long> quietly(Supplier<Map<TopicPartition, Long>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  /** No group and nothing to commit: waiting for a prefetch still in flight would only cost time. */
  private static void closeNow(KafkaConsumer<byte[], byte[]> consumer) {
    consumer.close(CloseOptions.timeout(Duration.ZERO));
  }

  private static KafkaConsumer<byte[], byte[]> consumer(Properties client, String side) {
    // Aborted records were never delivered to consumers, so they are not part of the copy.
    Properties p = ReadCommittedConsumers.properties(client, "kmigrate-copy-verifier-" + side);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    // Throughput: big polls and fetches, since every record is read once and only hashed.
    p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    p.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024));
    p.putIfAbsent(ConsumerConfig.RECEIVE_BUFFER_CONFIG, String.valueOf(1024 * 1024));
    p.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    return new KafkaConsumer<>(p);
  }

  /** One partition being read: from an offset, until an offset or a number of records. */
  private static final class PartitionRead {
    final TopicPartition tp;
    final long from;
    final long stopOffset;
    final long maxRecords;
    final Checksum checksum = new Checksum();
    long records;
    long bytes;
    long position;

    PartitionRead(TopicPartition tp, long from, long stopOffset, long maxRecords) {
      this.tp = tp;
      this.from = from;
      this.stopOffset = stopOffset;
      this.maxRecords = maxRecords;
      this.position = from;
    }

    /** Digests a record within the limits; false once past them (the rest of the batch is not ours). */
    boolean accept(ConsumerRecord<byte[], byte[]> record) {
      if (record.offset() >= stopOffset || records >= maxRecords) {
        return false;
      }
      checksum.add(record);
      records++;
      bytes += length(record.key()) + length(record.value());
      return true;
    }

    boolean moved(long newPosition) {
      boolean moved = newPosition != position;
      position = newPosition;
      return moved;
    }

    boolean done(long position) {
      return records >= maxRecords || position >= stopOffset;
    }

    private static long length(byte[] bytes) {
      return bytes == null ? 0 : bytes.length;
    }
  }

  /**
   * Order-sensitive SHA-256 over key, value and headers of each record. Every field is length
   * prefixed, -1 for null: ("ab","c") differs from ("a","bc"), and null from empty.
   */
  static final class Checksum {
    private final MessageDigest digest;
    private final ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
    private String hex;

    Checksum() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }

    void add(ConsumerRecord<byte[], byte[]> record) {
      field(record.key());
      field(record.value());
      Header[] headers = record.headers().toArray();
      integer(headers.length);
      for (Header h : headers) {
        field(h.key().getBytes(StandardCharsets.UTF_8));
        field(h.value());
      }
    }

    /** Completes the digest: later records are not part of it. */
    String hex() {
      if (hex == null) {
        hex = HexFormat.of().formatHex(digest.digest()).substring(0, CHECKSUM_HEX_CHARS);
      }
      return hex;
    }

    private void field(byte[] bytes) {
      if (bytes == null) {
        integer(-1);
        return;
      }
      integer(bytes.length);
      digest.update(bytes);
    }

    private void integer(int value) {
      length.clear();
      length.putInt(value);
      digest.update(length.array());
    }
  }
}
