package io.kmigrate.bench.lag;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.activities.lag.LagReader;
import io.kmigrate.bench.BenchArgs;
import io.kmigrate.bench.Figures;
import io.kmigrate.config.ClusterConfig;
import io.kmigrate.worker.local.LocalKafkaCluster;
import io.kmigrate.workflows.contract.LagSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.tools.consumer.group.ConsumerGroupsDescribe;
import org.apache.kafka.tools.consumer.group.ConsumerGroupsDescribe.Described;

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
    Path dir = tempDir();
    try {
      return measure(layout, runs, warmups, dir);
    } finally {
      delete(dir);
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
      Side kmigrate = new Side();
      Side kafka = new Side();
      for (int i = 0; i < warmups + runs; i++) {
        Measured<LagSnapshot> k = Measured.of(() -> reader.snapshot(groups));
        Measured<Described> t = Measured.of(kafkaTool::describeAllGroups);
        if (i < warmups) {
          System.out.printf("  warm-up %d: kmigrate %.0f ms, kafka-consumer-groups %.0f ms%n", i + 1, k.ms(), t.ms());
        } else {
          System.out.printf("  run %d: kmigrate %.0f ms, kafka-consumer-groups %.0f ms%n", i - warmups + 1, k.ms(), t.ms());
          kmigrate.add(k.ms(), LagRow.of(k.result()));
          kafka.add(t.ms(), t.result().rows());
        }
      }
      return report(layout, kmigrate, kafka);
    }
  }

  /** One side's run times and the rows of its last run. */
  private static final class Side {
    final List<Double> ms = new ArrayList<>();
    List<LagRow> rows = List.of();

    void add(double runMs, List<LagRow> runRows) {
      ms.add(runMs);
      rows = runRows;
    }

    double median() {
      return Figures.median(ms);
    }
  }

  private static int report(LagLayout layout, Side kmigrate, Side kafka) {
    System.out.printf("  kmigrate: LagReader.snapshot (batched Admin calls), median %.0f ms of %d runs%n", kmigrate.median(), kmigrate.ms.size());
    System.out.printf("  kafka-consumer-groups --describe --all-groups (ConsumerGroupService, its printing left out), median %.0f ms of %d runs%n",
        kafka.median(), kafka.ms.size());
    List<String> differences = new ArrayList<>(LagDiff.differences("kmigrate", kmigrate.rows, "kafka-consumer-groups", kafka.rows, SHOWN_DIFFERENCES));
    if (differences.isEmpty()) {
      differences.addAll(LagDiff.differences("kmigrate", kmigrate.rows, "the layout written", layout.expected(), SHOWN_DIFFERENCES));
    }
    if (differences.isEmpty()) {
      System.out.printf("  check: the same lag on all %,d group-partitions on both sides, as written%n", kmigrate.rows.size());
    } else {
      System.out.println("  check FAILED: the lag differs; first differing rows:");
      differences.forEach(d -> System.out.println("    " + d));
    }
    double speedup = kafka.median() / kmigrate.median();
    boolean met = speedup >= TARGET_SPEEDUP && kmigrate.median() < TARGET_MS;
    System.out.printf("  target: speedup >= %.0f and one snapshot < %.0f ms: %s%n", TARGET_SPEEDUP, TARGET_MS, met ? "met" : "MISSED");
    System.out.printf("lag-snapshot groups=%d partitions=%d kmigrate_ms=%.0f kafka_tool_ms=%.0f speedup=%.1f%n",
        layout.groups(), layout.partitions(), kmigrate.median(), kafka.median(), speedup);
    return differences.isEmpty() ? 0 : 1;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("kmigrate-bench-lag");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try {
      LocalKafkaCluster.deleteRecursively(dir);
    } catch (IOException e) {
      System.out.println("lag: could not delete " + dir + ": " + e);
    }
  }
}
