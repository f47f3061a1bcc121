package io.kmigrate.bench.mirror;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.activities.mirror.ConnectEndpoints;
import io.kmigrate.bench.BenchArgs;
import io.kmigrate.bench.Figures;
import io.kmigrate.bench.ScratchDir;
import io.kmigrate.config.ClusterConfig;
import io.kmigrate.localstack.LocalStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code bench mirror}: the same data set copied from a source to a target cluster by kmigrate's
 * mirror phase (MirrorMaker 2 on the embedded Kafka Connect worker, started and confirmed by the
 * workflow's own activities) and by a bare consume-then-produce loop, on the same two local
 * brokers. The two never run at once (they share two cores with the brokers); rounds alternate
 * which goes first, and the medians are compared.
 */
public final class MirrorBench {
  public static final Set<String> OPTIONS = Set.of("records", "rounds", "warmups", "partitions", "value-bytes");
  public static final Set<String> FLAGS = Set.of("smoke");
  /** The target: the mirror copies at least this fraction of the bare loop's rate. */
  static final double TARGET_RATIO = 0.9;

  private MirrorBench() {}

  /** @return 0 when every copy holds exactly the source's records, 1 when not (or a copy failed) */
  public static int run(BenchArgs args) {
    boolean smoke = args.flag("smoke");
    DataSet data = new DataSet(MirrorRig.TOPIC, args.positiveInt("partitions", 8),
        args.positiveInt("records", smoke ? 20_000 : 1_000_000), args.positiveInt("value-bytes", 300));
    int rounds = args.positiveInt("rounds", smoke ? 1 : 3);
    int warmups = args.wholeNumber("warmups", smoke ? 0 : 1);
    System.out.printf("mirror: %,d keyed records (%d B keys, %d B values, %.1f MB) on %d partitions, copied source -> target"
            + " by each side once per round, never both at once; %d warm-up round(s), then %d round(s),"
            + " raw first in odd rounds, kmigrate first in even ones; each copy timed from its start until the target holds every record%n",
        data.records(), DataSet.KEY_BYTES, data.valueBytes(), data.bytes() / 1e6, data.partitions(), warmups, rounds);
    System.out.printf("  raw:      1 consumer + 1 producer in one loop; producer %s; consumer %s%n",
        settings(RawCopy.PRODUCER), settings(RawCopy.CONSUMER));
    // Closed in reverse: Connect, the clients, the brokers, then their data.
    try (ScratchDir dir = ScratchDir.create("mirror");
        LocalStack stack = LocalStack.start(new LocalStack.Options(dir.path(), 0, 0, 0, false, true));
        Clusters clusters = clusters(stack);
        ConnectEndpoints connect = ConnectEndpoints.embedded(clusters)) {
      System.out.printf("  kmigrate: startMirror: MirrorMaker 2 on the embedded Kafka Connect worker (running before the copy starts),"
          + " %d copy task(s) for %d partitions on %d cores; timed from the call%n",
          connect.copyTasks(data.partitions()), data.partitions(), Runtime.getRuntime().availableProcessors());
      return compare(data, warmups, rounds, new MirrorRig(data, stack, clusters, connect));
    } catch (Exception e) {
      System.out.println("mirror: FAILED: " + e);
      return 1;
    }
  }

  private static int compare(DataSet data, int warmups, int rounds, MirrorRig rig) throws Exception {
    System.out.printf("  data set written to the source in %.1f s%n", rig.prepare());
    long onSource = rig.held("source", MirrorRig.TOPIC);
    boolean exact = onSource == data.records();
    List<Double> raw = new ArrayList<>();
    List<Double> kmigrate = new ArrayList<>();
    // Warm-ups first: both sides' code compiled by the JIT, as on a worker that has been copying for a while.
    for (int round = 1 - warmups; round <= rounds; round++) {
      for (boolean rawNow : Math.floorMod(round, 2) == 1 ? List.of(true, false) : List.of(false, true)) {
        Copy copy = rawNow ? rig.raw() : rig.kmigrate(round + warmups);
        if (round > 0) {
          (rawNow ? raw : kmigrate).add(copy.recordsPerSecond());
        }
        exact &= copy.held() == data.records();
        print(round > 0 ? "round " + round : "warm-up", rawNow ? "raw:     " : "kmigrate:", data, copy);
      }
    }
    double rawRps = Figures.median(raw);
    double kmigrateRps = Figures.median(kmigrate);
    double ratio = kmigrateRps / rawRps;
    System.out.printf("  median of %d: raw %,.0f records/s (%.1f MB/s), kmigrate %,.0f records/s (%.1f MB/s)%n",
        rounds, rawRps, mb(data, rawRps), kmigrateRps, mb(data, kmigrateRps));
    System.out.printf("  records: source %,d, every copy %s%n", onSource, exact ? "the same: exact" : "NOT the same (see above): WRONG");
    System.out.printf("  target: kmigrate_rps / raw_rps >= %.1f: %s%n", TARGET_RATIO, ratio >= TARGET_RATIO ? "met" : "MISSED");
    System.out.printf("mirror records=%d kmigrate_rps=%.0f raw_rps=%.0f ratio=%.2f%n", data.records(), kmigrateRps, rawRps, ratio);
    return exact ? 0 : 1;
  }

  private static void print(String round, String side, DataSet data, Copy c) {
    Arrival a = c.arrival();
    System.out.printf("  %s %s %,d records in %.2f s: %,.0f records/s, %.1f MB/s (first record after %.2f s, %,.0f records/s from there);"
            + " %s%s%n",
        round, side, c.held(), a.lastSeconds(), a.recordsPerSecond(), mb(data, a.recordsPerSecond()), a.firstSeconds(),
        a.copyingRecordsPerSecond(), c.cpu(), c.note().isEmpty() ? "" : "; " + c.note());
  }

  private static double mb(DataSet data, double recordsPerSecond) {
    return recordsPerSecond * data.bytes() / data.records() / 1e6;
  }

  private static String settings(Map<String, String> settings) {
    return settings.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  static Clusters clusters(LocalStack stack) {
    return new Clusters(
        Map.of("source", new ClusterConfig(stack.source().bootstrapServers(), Map.of()),
            "target", new ClusterConfig(stack.target().bootstrapServers(), Map.of())),
        SecretResolver.fromEnvironment());
  }
}
