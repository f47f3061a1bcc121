package io.kmigrate.bench.mirror;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.MissingTopicsException;
import io.kmigrate.activities.kafka.TopicInspector;
import io.kmigrate.activities.lag.LagReader;
import io.kmigrate.activities.mirror.ConnectEndpoints;
import io.kmigrate.bench.Figures;
import io.kmigrate.localstack.LocalStack;
import io.kmigrate.workflows.contract.MirrorCaughtUp;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The two local clusters with the data set on the source, and the two ways of copying it to the
 * target. Each copy starts on an empty target topic: kmigrate's on the source topic's own name
 * (identity replication), the baseline's on {@link #RAW_TOPIC}.
 */
final class MirrorRig {
  static final String TOPIC = "orders";
  static final String RAW_TOPIC = "orders.raw-copy";

  private final DataSet data;
  private final Clusters clusters;
  private final ConnectEndpoints connect;
  private final long sourcePid;
  private final long targetPid;

  MirrorRig(DataSet data, LocalStack stack, Clusters clusters, ConnectEndpoints connect) {
    this.data = data;
    this.clusters = clusters;
    this.connect = connect;
    this.sourcePid = stack.source().pid();
    this.targetPid = stack.target().pid();
  }

  /** Writes the data set to the source and starts the Connect worker, which runs before a migration does. */
  double prepare() throws Exception {
    createTopic(clusters.admin("source"), TOPIC);
    long started = System.nanoTime();
    data.write(clusters.clientProperties("source"));
    double seconds = (System.nanoTime() - started) / 1e9;
    connect.forTarget("target");
    return seconds;
  }

  Copy raw() throws Exception {
    emptyTargetTopic(RAW_TOPIC);
    writeBackDirtyPages();
    CpuUse before = cpu();
    long started = System.nanoTime();
    CompletableFuture<Void> copying = CompletableFuture.runAsync(
        () -> RawCopy.copy(clusters.clientProperties("source"), clusters.clientProperties("target"), TOPIC, RAW_TOPIC));
    Arrival arrival = Arrival.await(clusters.admin("target"), RAW_TOPIC, data.records(), started, () -> {
      if (copying.isCompletedExceptionally()) {
        copying.join();
      }
    });
    copying.join();
    return new Copy(arrival, cpu().since(before), held("target", RAW_TOPIC), "");
  }

  /** startMirror, timed until the target holds every record; then the workflow's caught-up wait must agree. */
  Copy kmigrate(int round) throws Exception {
    emptyTargetTopic(TOPIC);
    writeBackDirtyPages();
    try (KmigrateMirror mirror = new KmigrateMirror(clusters, connect, "bench-mirror-" + round, TOPIC)) {
      CpuUse before = cpu();
      long started = System.nanoTime();
      mirror.start();
      Arrival arrival = Arrival.await(clusters.admin("target"), TOPIC, data.records(), started, () -> {});
      CpuUse used = cpu().since(before);
      MirrorCaughtUp caughtUp = mirror.awaitLastRecord();
      if (!caughtUp.caughtUp() || caughtUp.totalLag() != 0) {
        throw new IllegalStateException("the target holds every record but the caught-up wait says: " + caughtUp);
      }
      return new Copy(arrival, used, held("target", TOPIC), "the caught-up wait agrees (lag 0)");
    }
  }

  /** Records the topic holds on the cluster: end offsets less log starts. */
  long held(String cluster, String topic) {
    LagReader reader = new LagReader(clusters.admin(cluster), List.of(topic));
    Map<TopicPartition, Long> ends = reader.endOffsets();
    Map<TopicPartition, Long> starts = reader.logStarts();
    return ends.entrySet().stream().mapToLong(e -> e.getValue() - starts.get(e.getKey())).sum();
  }

  /**
   * The kernel writes a copy's pages to disk about 30 s later (vm.dirty_expire_centisecs), in the
   * middle of a later copy: write them back now, so each copy starts with nothing pending.
   */
  private static void writeBackDirtyPages() throws Exception {
    try {
      new ProcessBuilder("sync").inheritIO().start().waitFor();
    } catch (IOException noSync) {
      // not a Unix: the copies then share the writeback as it comes
    }
  }

  private CpuUse cpu() {
    return CpuUse.now(sourcePid, targetPid);
  }

  /** Deletes the target topic if a previous round left it, creates it again, and waits until it reads empty. */
  void emptyTargetTopic(String topic) throws Exception {
    Admin target = clusters.admin("target");
    if (target.listTopics().names().get().contains(topic)) {
      target.deleteTopics(List.of(topic)).all().get();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        createTopic(target, topic);
        break;
      } catch (ExecutionException e) {
        // The deletion is applied a moment after the call returned.
        if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
          throw e;
        }
        Figures.sleep(100);
      }
    }
    // A new topic is readable a moment after its creation; until then its name may still mean the old one.
    while (true) {
      try {
        Map<TopicPartition, Long> ends = new LagReader(target, List.of(topic)).endOffsets();
        if (ends.size() == data.partitions() && ends.values().stream().allMatch(end -> end == 0)) {
          return;
        }
      } catch (MissingTopicsException | UnknownTopicOrPartitionException notYet) {
        // not readable yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("target topic " + topic + " did not read empty within 30 s of its creation");
      }
      Figures.sleep(100);
    }
  }

  private void createTopic(Admin admin, String topic) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, data.partitions(), (short) 1))).all().get();
    // The data set is written the moment this returns: see TopicInspector.awaitServed.
    new TopicInspector(admin).awaitServed(List.of(topic), Duration.ofSeconds(30), () -> { });
  }
}
