package io.kmigrate.bench.mirror;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.lag.LagReader;
import io.kmigrate.activities.mirror.ConnectEndpoints;
import io.kmigrate.activities.mirror.MirrorConnectors;
import io.kmigrate.activities.mirror.OffsetHandover;
import io.kmigrate.activities.mirror.OffsetSyncs;
import io.kmigrate.bench.BenchArgs;
import io.kmigrate.bench.Figures;
import io.kmigrate.bench.ScratchDir;
import io.kmigrate.localstack.LocalStack;
import io.kmigrate.workflows.contract.HandoverMethod;
import io.kmigrate.workflows.contract.OffsetTranslation;
import io.kmigrate.workflows.contract.TranslatedOffset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code bench handover}: what the exact offset handover adds to a consumer move on large
 * partitions. MirrorMaker 2 copies the data set (kmigrate's mirror phase, as in {@code bench
 * mirror}); groups stopped at offsets spread over each partition are then translated by the
 * workflow's own wait ({@code awaitOffsetsTranslated}, the handover included), and the handover
 * alone ({@link OffsetHandover#resolve}) is timed for the same group-partitions. The anchor is that
 * wait: the time the consumer move already spends translating.
 */
public final class HandoverBench {
  public static final Set<String> OPTIONS = Set.of("records", "partitions", "groups", "runs", "value-bytes");
  public static final Set<String> FLAGS = Set.of("smoke");
  /** The target: the handover adds at most this much to a consumer move. */
  static final Duration TARGET = Duration.ofSeconds(1);

  private HandoverBench() {}

  /** @return 0 when every group-partition resumed exactly where its records say, 1 when not (or a step failed) */
  public static int run(BenchArgs args) {
    boolean smoke = args.flag("smoke");
    DataSet data = new DataSet(MirrorRig.TOPIC, args.positiveInt("partitions", 1),
        args.positiveInt("records", smoke ? 20_000 : 1_000_000), args.positiveInt("value-bytes", 100));
    int groups = args.positiveInt("groups", 5);
    int runs = args.positiveInt("runs", smoke ? 1 : 5);
    System.out.printf("handover: %,d keyed records (%d B values) on %d partition(s) copied by MirrorMaker 2; %d stopped group(s),"
            + " each committed at a different point of every partition; %d run(s) of the translation wait and of the handover alone%n",
        data.records(), data.valueBytes(), data.partitions(), groups, runs);
    try (ScratchDir dir = ScratchDir.create("handover");
        LocalStack stack = LocalStack.start(new LocalStack.Options(dir.path(), 0, 0, 0, false, true));
        Clusters clusters = MirrorBench.clusters(stack);
        ConnectEndpoints connect = ConnectEndpoints.embedded(clusters)) {
      MirrorRig rig = new MirrorRig(data, stack, clusters, connect);
      System.out.printf("  data set written to the source in %.1f s%n", rig.prepare());
      rig.emptyTargetTopic(MirrorRig.TOPIC);
      List<String> names = new ArrayList<>();
      for (int g = 0; g < groups; g++) {
        names.add("handover-" + g);
      }
      try (KmigrateMirror mirror = new KmigrateMirror(clusters, connect, "bench-handover", MirrorRig.TOPIC, names)) {
        long started = System.nanoTime();
        mirror.start();
        if (!mirror.awaitLastRecord().caughtUp()) {
          System.out.println("handover: FAILED: the mirror did not catch up");
          return 1;
        }
        System.out.printf("  copied and caught up in %.1f s%n", (System.nanoTime() - started) / 1e9);
        Map<TopicPartition, Long> ends = new LagReader(clusters.admin("source"), List.of(MirrorRig.TOPIC)).endOffsets();
        commitGroups(clusters, ends, names);
        return measure(clusters, mirror, ends, names.size(), runs);
      }
    } catch (Exception e) {
      System.out.println("handover: FAILED: " + e);
      return 1;
    }
  }

  /** Group g commits at (g + 1) / (groups + 1) of every partition, plus a prime: never on a sync MirrorMaker happened to write. */
  private static void commitGroups(Clusters clusters, Map<TopicPartition, Long> ends, List<String> names) throws Exception {
    for (int g = 0; g < names.size(); g++) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
        offsets.put(e.getKey(), new OffsetAndMetadata(Math.min(e.getValue(), e.getValue() * (g + 1) / (names.size() + 1) + 37)));
      }
      clusters.admin("source").alterConsumerGroupOffsets(names.get(g), offsets).all().get();
    }
  }

  private static int measure(Clusters clusters, KmigrateMirror mirror, Map<TopicPartition, Long> ends, int groups, int runs) {
    List<Double> waits = new ArrayList<>();
    List<Double> handovers = new ArrayList<>();
    OffsetTranslation last = null;
    long windowMax = 0;
    String syncsTopic = new MirrorConnectors("bench-handover", "source", "target").offsetSyncsTopic();
    for (int run = 1; run <= runs; run++) {
      long started = System.nanoTime();
      last = mirror.translate();
      waits.add((System.nanoTime() - started) / 1e6);
      try (OffsetSyncs syncs = new OffsetSyncs(clusters.clientProperties("target"), syncsTopic).refresh()) {
        List<OffsetHandover.Request> requests = new ArrayList<>();
        for (TranslatedOffset o : last.groups().stream().flatMap(g -> g.partitions().stream()).toList()) {
          TopicPartition tp = new TopicPartition(o.topic(), o.partition());
          OffsetSyncs.Sync below = syncs.below(tp, o.sourceOffset()).orElse(null);
          OffsetSyncs.Sync above = syncs.above(tp, o.sourceOffset()).orElse(null);
          long nearest = Math.min(below == null ? Long.MAX_VALUE : o.sourceOffset() - below.upstream(),
              above == null ? Long.MAX_VALUE : above.upstream() - o.sourceOffset());
          windowMax = Math.max(windowMax, nearest);
          requests.add(new OffsetHandover.Request(tp, o.sourceOffset(), below, above));
        }
        OffsetHandover handover = new OffsetHandover(clusters.clientProperties("source"), clusters.clientProperties("target"), Duration.ofSeconds(30));
        started = System.nanoTime();
        List<OffsetHandover.Result> results = handover.resolve(requests, () -> {});
        handovers.add((System.nanoTime() - started) / 1e6);
        if (!results.stream().allMatch(OffsetHandover.Result::exact)) {
          System.out.println("  handover alone: NOT exact: " + results);
          return 1;
        }
      }
      System.out.printf("  run %d: translation wait %.0f ms (%s, %s exact), handover alone %.0f ms%n",
          run, waits.get(run - 1), last.summary(), last.exactSummary(), handovers.get(run - 1));
    }
    List<TranslatedOffset> all = last.groups().stream().flatMap(g -> g.partitions().stream()).toList();
    // An empty target copied from offset 0: the copy of record C is at C, so the exact offset is the committed one.
    boolean exact = last.complete() && all.size() == groups * ends.size()
        && all.stream().allMatch(o -> o.method() == HandoverMethod.EXACT && o.translatedOffset() == o.sourceOffset());
    double handoverMs = Figures.median(handovers);
    double waitMs = Figures.median(waits);
    System.out.printf("  group-partitions: %d, %s; farthest offset sync from a committed offset: %,d offsets%n",
        all.size(), exact ? "every one at its committed offset: exact" : "NOT all exact: WRONG " + all, windowMax);
    System.out.printf("  target: the handover adds <= %d ms to the consumer move: %s%n",
        TARGET.toMillis(), handoverMs <= TARGET.toMillis() ? "met" : "MISSED");
    System.out.printf("handover records_per_partition=%d group_partitions=%d handover_ms=%.0f translation_wait_ms=%.0f window_max=%d exact=%s%n",
        ends.values().stream().mapToLong(v -> v).max().orElse(0), all.size(), handoverMs, waitMs, windowMax, exact);
    return exact ? 0 : 1;
  }
}
