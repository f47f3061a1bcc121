package io.kmigrate.bench.lag;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.activities.lag.DrainState;
import io.kmigrate.activities.lag.LagReader;
import io.kmigrate.bench.BenchArgs;
import io.kmigrate.bench.Figures;
import io.kmigrate.bench.Measured;
import io.kmigrate.bench.ScratchDir;
import io.kmigrate.config.ClusterConfig;
import io.kmigrate.localstack.LocalKafkaCluster;
import io.kmigrate.workflows.contract.LagSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.tools.consumer.group.ConsumerGroupsDescribe.Described;
import org.apache.kafka.tools.consumer.group.ConsumerGroupsDescribe;

/**
 * {@code bench lag}: one lag snapshot of every group x partition on a local broker, as a drain
 * wait reads it each poll ({@link LagReader#snapshot}, through the worker's own Admin client),
 * against the same snapshot by {@code kafka-consumer-groups --describe --all-groups}'s code in
 * this JVM. After a warm-up the two alternate, run by run, so both see the same machine; the
 * medians are compared, and so is every group-partition's lag.
 */
public final class LagBench {
  public static final Set<String> OPTIONS = Set.of("groups", "partitions", "runs");
  public static final Set<String> FLAGS = Set.of("smoke");
  static final double TARGET_SPEEDUP = 10;
  static final double TARGET_MS = 1000;
  private static final String SOURCE = "source";
  private static final int SHOWN_DIFFERENCES = 5;

  private LagBench() {}

  /** @return 0 when both sides read the lag the layout wrote, 1 when a row differs */
  public static int run(BenchArgs args) {
    boolean smoke = args.flag("smoke");
    LagLayout layout = new LagLayout(args.positiveInt("groups", smoke ? 5 : 200), args.positiveInt("partitions", smoke ? 20 : 500));
    int runs = args.positiveInt("runs", smoke ? 2 : 5);
    int warmups = smoke ? 1 : 2;
    System.out.println("lag: " + layout.describe());
    try (ScratchDir dir = ScratchDir.create("lag")) {
      return measure(layout, runs, warmups, dir.path());
    }
  }

  private static int measure(LagLayout layout, int runs, int warmups, Path dir) {
    Measured<LocalKafkaCluster> started = Measured.of(() -> LocalKafkaCluster.launch(SOURCE, 0, dir).awaitReady());
    try (LocalKafkaCluster source = started.result();
        Clusters clusters = new Clusters(Map.of(SOURCE, new ClusterConfig(source.bootstrapServers(), Map.of())), SecretResolver.fromEnvironment());
        ConsumerGroupsDescribe kafkaTool = new ConsumerGroupsDescribe(source.bootstrapServers())) {
      Measured<Void> written = Measured.of(() -> {
        LagFixture.write(clusters.admin(SOURCE), source.bootstrapServers(), layout);
        return null;
      });
      System.out.printf("  setup: one KRaft broker up in %.1f s; topics, records and commits written in %.1f s%n",
          started.ms() / 1000, written.ms() / 1000);

      // As a drain wait does: one reader per attempt (it describes the topics), one snapshot per poll.
      LagReader reader = new LagReader(clusters.admin(SOURCE), layout.topicNames());
      List<String> groups = layout.groupNames();
      List<Double> kmigrateMs = new ArrayList<>();
      List<Double> kafkaMs = new ArrayList<>();
      Measured<LagSnapshot> k = null;
      Measured<Described> t = null;
      for (int i = 0; i < warmups + runs; i++) {
        k = Measured.of(() -> reader.snapshot(groups));
        t = Measured.of(kafkaTool::describeAllGroups);
        boolean warmup = i < warmups;
        System.out.printf("  %s %d: kmigrate %.0f ms, kafka-consumer-groups %.0f ms%n",
            warmup ? "warm-up" : "run", warmup ? i + 1 : i - warmups + 1, k.ms(), t.ms());
        if (!warmup) {
          kmigrateMs.add(k.ms());
          kafkaMs.add(t.ms());
        }
      }
      return report(layout, kmigrateMs, k.result(), kafkaMs, t.result());
    }
  }

  private static int report(LagLayout layout, List<Double> kmigrateMs, LagSnapshot snapshot, List<Double> kafkaMs, Described described) {
    double kmigrate = Figures.median(kmigrateMs);
    double kafka = Figures.median(kafkaMs);
    System.out.printf("  kmigrate: LagReader.snapshot (batched Admin calls), median %.0f ms of %d runs%n", kmigrate, kmigrateMs.size());
    System.out.printf("  kafka-consumer-groups --describe --all-groups (ConsumerGroupService, its printing left out), median %.0f ms of %d runs%n",
        kafka, kafkaMs.size());
    List<LagRow> rows = LagRow.of(snapshot);
    List<String> differences = new ArrayList<>(LagDiff.differences("kmigrate", rows, "kafka-consumer-groups", described.rows(), SHOWN_DIFFERENCES));
    if (differences.isEmpty()) {
      differences.addAll(LagDiff.differences("kmigrate", rows, "the layout written", layout.expected(), SHOWN_DIFFERENCES));
    }
    if (differences.isEmpty()) {
      System.out.printf("  check: the same lag on all %,d group-partitions on both sides, as written%n", rows.size());
    } else {
      System.out.println("  check FAILED: the lag differs; first differing rows:");
      differences.forEach(d -> System.out.println("    " + d));
    }
    DrainState details = DrainHeartbeat.details(snapshot);
    long heartbeat = DrainHeartbeat.bytes(details);
    boolean within = heartbeat <= DrainHeartbeat.TEMPORAL_BLOB_LIMIT;
    System.out.printf("  not timed: a drain wait heartbeats the snapshot (the %d most lagging of %,d partitions listed) and %s, %,d bytes as Temporal JSON"
        + " (%s Temporal's default payload limit of %,d)%n", details.last().partitions().size(), details.last().partitionCount(),
        details.motionOmitted() > 0 ? String.format("no commit motion (over %,d partitions)", DrainState.HEARTBEAT_MOTION) : "each partition's commit motion",
        heartbeat, within ? "within" : "check FAILED: OVER", DrainHeartbeat.TEMPORAL_BLOB_LIMIT);
    double speedup = kafka / kmigrate;
    boolean met = speedup >= TARGET_SPEEDUP && kmigrate < TARGET_MS;
    System.out.printf("  target: speedup >= %.0f and one snapshot < %.0f ms: %s%n", TARGET_SPEEDUP, TARGET_MS, met ? "met" : "MISSED");
    System.out.printf("lag-snapshot groups=%d partitions=%d kmigrate_ms=%.0f kafka_tool_ms=%.0f speedup=%.1f%n",
        layout.groups(), layout.partitions(), kmigrate, kafka, speedup);
    return differences.isEmpty() && within ? 0 : 1;
  }
}
