package io.kmigrate.activities;

import static io.kmigrate.activities.kafka.KafkaCalls.get;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.Groups;
import io.kmigrate.activities.kafka.MissingTopicsException;
import io.kmigrate.activities.kafka.NextReadable;
import io.kmigrate.activities.kafka.PartitionKeys;
import io.kmigrate.activities.kafka.TopicInspector;
import io.kmigrate.activities.lag.LagReader;
import io.kmigrate.activities.lag.WaitLoop.Step;
import io.kmigrate.activities.lag.WaitLoop;
import io.kmigrate.activities.mirror.CheckpointReader;
import io.kmigrate.activities.mirror.ConnectEndpoints;
import io.kmigrate.activities.mirror.ConnectRest;
import io.kmigrate.activities.mirror.ConnectorStatus;
import io.kmigrate.activities.mirror.CopyVerifier;
import io.kmigrate.activities.mirror.MirrorConnectors;
import io.kmigrate.activities.mirror.MirrorWatch;
import io.kmigrate.activities.mirror.OffsetHandover;
import io.kmigrate.activities.mirror.OffsetSyncs;
import io.kmigrate.workflows.contract.ApplyOffsetsRequest;
import io.kmigrate.workflows.contract.CopyVerification;
import io.kmigrate.workflows.contract.GroupTranslation;
import io.kmigrate.workflows.contract.HandoverMethod;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.MirrorActivities;
import io.kmigrate.workflows.contract.MirrorCaughtUp;
import io.kmigrate.workflows.contract.MirrorRequest;
import io.kmigrate.workflows.contract.MirrorStarted;
import io.kmigrate.workflows.contract.MirrorStopped;
import io.kmigrate.workflows.contract.MirrorWaitRequest;
import io.kmigrate.workflows.contract.OffsetTranslation;
import io.kmigrate.workflows.contract.PartitionLag;
import io.kmigrate.workflows.contract.PartitionMirrorLag;
import io.kmigrate.workflows.contract.TranslateRequest;
import io.kmigrate.workflows.contract.TranslatedOffset;
import io.kmigrate.workflows.contract.TranslationStatus;
import io.kmigrate.workflows.contract.VerifyCopyRequest;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.Checkpoint;

/**
 * MirrorMaker 2 driven through Kafka Connect's REST API, and every check of its work read from
 * the clusters themselves: the copy's position against the source's end offsets, checkpoints
 * against the groups' committed offsets, records and checksums against the source's.
 */
public class MirrorActivitiesImpl implements MirrorActivities {
  /** A connector or task FAILED: retried (after restarting it), never read as caught up. */
  public static final String CONNECTOR_FAILED = "MirrorConnectorFailed";
  public static final String SOURCE_TOPIC_GONE = "SourceTopicDeleted";
  public static final String TARGET_GROUP_ACTIVE = "TargetGroupActive";
  public static final String NOT_TRANSLATED = "OffsetsNotTranslated";
  public static final String WRONG_CONNECT = "ConnectOnWrongCluster";
  /**
   * A live mirror keeps up when it has copied what the source held this long ago. It reads the
   * copy's position from Connect's committed source offsets, which the embedded worker flushes
   * every second; a Connect cluster should flush as often (offset.flush.interval.ms).
   */
  static final long KEEP_UP_WINDOW_MS = 5_000;
  /** How long one poll may read the source to tell markers and aborted records from records left to copy. */
  static final Duration NEXT_READABLE_BUDGET = Duration.ofSeconds(2);
  /** How long reading one side of a group-partition's handover window may take. */
  static final Duration HANDOVER_READ_TIMEOUT = Duration.ofSeconds(10);

  private final Clusters clusters;
  private final ConnectEndpoints connect;

  public MirrorActivitiesImpl(Clusters clusters, ConnectEndpoints connect) {
    this.clusters = clusters;
    this.connect = connect;
  }

  @Override
  public MirrorStarted startMirror(MirrorRequest request) {
    MirrorConnectors connectors = connectors(request);
    ConnectRest rest = connect.forTarget(request.target());
    // A Connect cluster writes what its connectors produce to its own Kafka cluster: it must be the target.
    String targetId = get(clusters.admin(request.target()).describeCluster().clusterId());
    String connectId = rest.kafkaClusterId();
    if (!targetId.equals(connectId)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Kafka Connect at " + rest.base() + " runs on Kafka cluster " + connectId + ", not on the target " + request.target()
              + " (" + targetId + "): MirrorMaker would copy to the wrong cluster; set connect.url to a Connect cluster of the target",
          WRONG_CONNECT);
    }
    int partitions = sourcePartitions(request).size();
    int brokers = get(clusters.admin(request.target()).describeCluster().nodes()).size();
    Map<String, Map<String, String>> configs =
        connectors.configs(
            clusters.clientProperties(request.source()),
            clusters.clientProperties(request.target()),
            request.topics(),
            request.groups(),
            Math.min(3, brokers),
            connect.copyTasks(partitions));
    // The order matters only for readability of Connect's log: copy first.
    for (String name : connectors.names()) {
      rest.putConfig(name, configs.get(name));
    }
    return new MirrorStarted(rest.base().toString(), connectors.names());
  }

  @Override
  public MirrorCaughtUp awaitMirrorCaughtUp(MirrorWaitRequest request) {
    Watched w = watched(request.mirror());
    MirrorRequest mirror = w.mirror();
    try (NextReadable ahead = new NextReadable(clusters.clientProperties(mirror.source()), NEXT_READABLE_BUDGET)) {
      return awaitCaughtUp(request, w, ahead);
    }
  }

  private MirrorCaughtUp awaitCaughtUp(MirrorWaitRequest request, Watched w, NextReadable ahead) {
    MirrorRequest mirror = w.mirror();
    LagReader source = w.source();
    return w.poll(request.waits().pollIntervalMs(), watch -> {
      long now = System.currentTimeMillis();
      Map<String, Long> ends = PartitionKeys.keyed(sourceRead(mirror, source::endOffsets));
      Map<String, Long> starts = PartitionKeys.keyed(source.logStarts());
      List<PartitionMirrorLag> lags = w.lags(starts, ends, ahead);
      boolean keptUp;
      if (request.toTheLastRecord()) {
        // Producers are fenced: every record copied, and none written since the last poll.
        keptUp = lags.stream().allMatch(l -> l.lag() == 0) && watch.previous().map(p -> p.ends().equals(ends)).orElse(false);
      } else {
        // Producers still write: the mirror has passed what the source held one window ago.
        keptUp = watch.endsBefore(now, KEEP_UP_WINDOW_MS)
            .map(before -> lags.stream().allMatch(l -> l.mirrored() >= before.ends().getOrDefault(PartitionKeys.of(l.topic(), l.partition()), Long.MAX_VALUE)))
            .orElse(false);
      }
      long since = keptUp ? (watch.keptUpSinceMillis() > 0 ? watch.keptUpSinceMillis() : now) : -1;
      boolean passedFirst = watch.first() != null
          && lags.stream().allMatch(l -> l.mirrored() >= watch.first().ends().getOrDefault(PartitionKeys.of(l.topic(), l.partition()), Long.MAX_VALUE));
      long total = lags.stream().mapToLong(PartitionMirrorLag::lag).sum();
      MirrorWatch next = watch.next(
          since, new MirrorWatch.SourceEnds(now, ends), KEEP_UP_WINDOW_MS, passedFirst, new MirrorWatch.Lag(total, lags));
      // The backlog: what the source held at the first poll, copied by the time the mirror passed it.
      long backlog = next.first().ends().entrySet().stream().mapToLong(e -> e.getValue() - starts.getOrDefault(e.getKey(), 0L)).sum();
      long backlogMs = next.firstPassedMillis() > 0 ? next.firstPassedMillis() - watch.startedMillis() : -1;
      // The fence ends as soon as the last record is copied; a live mirror must hold for stableFor.
      long holdFor = request.toTheLastRecord() ? 0 : request.waits().stableForMs();
      if (since > 0 && now - since >= holdFor) {
        return Step.done(next, new MirrorCaughtUp(true, total, lags, now - since, null, backlogMs, backlog));
      }
      if (now - watch.startedMillis() >= request.reportAfterMs()) {
        return Step.done(next, new MirrorCaughtUp(false, total, lags, 0, "mirror lag " + total + " record(s)", backlogMs, backlog));
      }
      return Step.wait(next);
    });
  }

  @Override
  public OffsetTranslation awaitOffsetsTranslated(TranslateRequest request) {
    Watched w = watched(request.mirror());
    MirrorRequest mirror = w.mirror();
    LagReader source = w.source();
    LagReader target = new LagReader(clusters.admin(mirror.target()), mirror.topics());
    try (CheckpointReader checkpoints = new CheckpointReader(clusters.clientProperties(mirror.target()), w.connectors().checkpointsTopic());
        OffsetSyncs syncs = new OffsetSyncs(clusters.clientProperties(mirror.target()), w.connectors().offsetSyncsTopic())) {
      return w.poll(request.waits().pollIntervalMs(), watch -> {
        // Reading many group-partitions' windows may take longer than a heartbeat timeout: beat after each.
        Runnable beat = () -> Activity.getExecutionContext().heartbeat(watch);
        OffsetTranslation t = translate(mirror, source, target, checkpoints.refresh(), syncs.refresh(), beat);
        // Offsets the records do not prove exact will not become so by waiting: a person decides at once.
        if (t.complete() || t.waitsOnlyForAPerson() || System.currentTimeMillis() - watch.startedMillis() >= request.reportAfterMs()) {
          return Step.done(watch, t);
        }
        return Step.wait(watch);
      });
    }
  }

  @Override
  public OffsetTranslation applyTranslatedOffsets(ApplyOffsetsRequest request) {
    OffsetTranslation t = request.translation();
    if (!t.complete()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "refusing to write offsets: " + t.summary() + "; " + describe(t.blocked()), NOT_TRANSLATED);
    }
    var admin = clusters.admin(request.target());
    Map<String, Optional<ConsumerGroupDescription>> described =
        Groups.describe(admin, t.groups().stream().map(GroupTranslation::group).toList());
    for (GroupTranslation g : t.groups()) {
      int members = Groups.members(described.get(g.group()));
      if (members > 0) {
        // Kafka refuses offsets under live members; and a live group may already have consumed.
        throw ApplicationFailure.newNonRetryableFailure(
            "target group " + g.group() + " has " + members + " member(s): stop them before offsets are written", TARGET_GROUP_ACTIVE);
      }
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      g.partitions().forEach(p -> offsets.put(new TopicPartition(p.topic(), p.partition()), new OffsetAndMetadata(p.translatedOffset())));
      if (!offsets.isEmpty()) {
        get(admin.alterConsumerGroupOffsets(g.group(), offsets).all());
      }
    }
    return new OffsetTranslation(t.groups(), true);
  }

  @Override
  public MirrorStopped stopMirror(MirrorRequest request) {
    ConnectRest rest = connect.forTarget(request.target());
    List<String> deleted = new ArrayList<>();
    for (String name : connectors(request).names()) {
      // Offsets first: Connect keeps them after a delete, and a later mirror would resume from them.
      if (rest.stopAndResetOffsets(name) && rest.delete(name)) {
        deleted.add(name);
      }
    }
    return new MirrorStopped(deleted);
  }

  @Override
  public CopyVerification verifyCopy(VerifyCopyRequest request) {
    Map<TopicPartition, Long> ends = new LinkedHashMap<>();
    request.recordedEnds().forEach(p -> ends.put(new TopicPartition(p.topic(), p.partition()), p.sourceEnd()));
    return new CopyVerifier(clusters.clientProperties(request.source()), clusters.clientProperties(request.target())).verify(ends);
  }

  private OffsetTranslation translate(
      MirrorRequest mirror, LagReader source, LagReader target, Map<CheckpointReader.Key, Checkpoint> checkpoints, OffsetSyncs syncs,
      Runnable progress) {
    LagSnapshot snapshot = source.snapshot(mirror.groups());
    Map<TopicPartition, Long> targetStarts = target.logStarts();
    Map<String, Optional<ConsumerGroupDescription>> onTarget = Groups.describe(clusters.admin(mirror.target()), mirror.groups());
    List<GroupTranslation> groups = new ArrayList<>();
    for (String group : mirror.groups()) {
      List<TranslatedOffset> offsets = new ArrayList<>();
      for (PartitionLag p : snapshot.partitions()) {
        if (!p.group().equals(group) || p.committed() < 0) {
          continue; // nothing committed there: the target's seeded log start applies
        }
        TopicPartition tp = new TopicPartition(p.topic(), p.partition());
        // Retention may have moved the log start past records the mirror copied and the group read:
        // a group standing at such a log start is handed over from the records, not at the copy's start.
        boolean readUpToLogStart = p.committed() == p.logStart() && p.logStart() > 0 && p.logStart() < p.logEnd();
        if (p.committed() <= p.logStart() && !readUpToLogStart) {
          // Nothing consumed there (or nothing ever written): the copy's start is the same position.
          offsets.add(new TranslatedOffset(p.topic(), p.partition(), p.committed(), p.committed(), targetStarts.get(tp), true,
              HandoverMethod.NOTHING_CONSUMED, null, 0));
          continue;
        }
        Checkpoint c = checkpoints.get(new CheckpointReader.Key(group, tp));
        // Translated from every offset sync, as MirrorMaker does from the subset it keeps: the
        // newest sync at or below the committed offset, read now. MirrorMaker's checkpoint is only
        // reported: it may never come for an offset its sync store no longer covers (an early
        // offset of a compacted topic), and the handover below reads the records instead.
        long translated = syncs.translate(tp, p.committed()).orElse(-1);
        boolean fresh = syncs.below(tp, p.committed()).isPresent() || syncs.above(tp, p.committed()).isPresent();
        offsets.add(new TranslatedOffset(p.topic(), p.partition(), p.committed(), c == null ? -1 : c.upstreamOffset(), translated, fresh));
      }
      int sourceMembers = snapshot.groups().stream().filter(s -> s.group().equals(group)).mapToInt(s -> s.members()).sum();
      int targetMembers = Groups.members(onTarget.get(group));
      groups.add(judge(group, offsets, sourceMembers, targetMembers));
    }
    return handOver(mirror, groups, syncs, progress);
  }

  /**
   * Every translated group's target offsets established from the records ({@link OffsetHandover}),
   * in place of MirrorMaker's translation, which can lie a few records before the truth. A group
   * whose records the mirror has not copied yet waits; one whose offsets the records do not prove
   * exact is NOT_EXACT, for a person to decide.
   */
  private OffsetTranslation handOver(MirrorRequest mirror, List<GroupTranslation> groups, OffsetSyncs syncs, Runnable progress) {
    List<OffsetHandover.Request> requests = new ArrayList<>();
    for (GroupTranslation g : groups) {
      if (g.status() != TranslationStatus.TRANSLATED) {
        continue;
      }
      for (TranslatedOffset o : g.partitions()) {
        TopicPartition tp = new TopicPartition(o.topic(), o.partition());
        if (o.method() == null) {
          requests.add(new OffsetHandover.Request(
              tp, o.sourceOffset(), syncs.below(tp, o.sourceOffset()).orElse(null), syncs.above(tp, o.sourceOffset()).orElse(null)));
        }
      }
    }
    if (requests.isEmpty()) {
      return new OffsetTranslation(groups, false);
    }
    Map<TopicPartition, Map<Long, OffsetHandover.Result>> results = new HashMap<>();
    new OffsetHandover(clusters.clientProperties(mirror.source()), clusters.clientProperties(mirror.target()), HANDOVER_READ_TIMEOUT)
        .resolve(requests, progress)
        .forEach(r -> results.computeIfAbsent(r.partition(), p -> new HashMap<>()).put(r.committed(), r));
    List<GroupTranslation> out = new ArrayList<>();
    for (GroupTranslation g : groups) {
      out.add(g.status() == TranslationStatus.TRANSLATED ? handedOver(g, results, syncs) : g);
    }
    return new OffsetTranslation(out, false);
  }

  private static GroupTranslation handedOver(
      GroupTranslation g, Map<TopicPartition, Map<Long, OffsetHandover.Result>> results, OffsetSyncs syncs) {
    List<TranslatedOffset> offsets = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    List<String> notExact = new ArrayList<>();
    for (TranslatedOffset o : g.partitions()) {
      OffsetHandover.Result r = results.getOrDefault(new TopicPartition(o.topic(), o.partition()), Map.of()).get(o.sourceOffset());
      if (o.method() != null || r == null) {
        offsets.add(o);
      } else if (!r.copied()) {
        waiting.add(o.topic() + "-" + o.partition() + ": " + r.reason());
        offsets.add(o);
      } else if (!r.exact() && (o.translatedOffset() < 0 || !r.syncBelowHolds())) {
        // No sync below the committed offset, or one the target contradicts: MirrorMaker's translation is no fallback.
        waiting.add(o.topic() + "-" + o.partition() + ": " + r.reason() + ", and no offset sync below it to fall back on"
            + (o.translatedOffset() < 0 ? "" : " (the target contradicts it)"));
        offsets.add(o);
      } else if (!r.exact()) {
        // What MirrorMaker's translation reads again: the records past its sync (offsets bound them where they were not counted).
        long reread = r.window() >= 0 ? r.window()
            : o.sourceOffset() - syncs.below(r.partition(), o.sourceOffset()).map(OffsetSyncs.Sync::upstream).orElse(0L);
        notExact.add(o.topic() + "-" + o.partition() + ": " + r.reason() + "; resuming at MirrorMaker's translation reads up to "
            + reread + " record(s) again");
        offsets.add(o.notExact(r.reason(), reread));
      } else {
        offsets.add(o.exactAt(r.offset()));
      }
    }
    if (!waiting.isEmpty()) {
      return new GroupTranslation(g.group(), TranslationStatus.MISSING, "not handed over yet: " + String.join("; ", waiting), offsets);
    }
    if (!notExact.isEmpty()) {
      return new GroupTranslation(g.group(), TranslationStatus.NOT_EXACT, String.join("; ", notExact), offsets);
    }
    return new GroupTranslation(g.group(), TranslationStatus.TRANSLATED, null, offsets);
  }

  private static GroupTranslation judge(String group, List<TranslatedOffset> offsets, int sourceMembers, int targetMembers) {
    if (targetMembers > 0) {
      return new GroupTranslation(group, TranslationStatus.TARGET_ACTIVE, targetMembers + " member(s) already on the target", offsets);
    }
    if (sourceMembers > 0) {
      return new GroupTranslation(group, TranslationStatus.SOURCE_ACTIVE, sourceMembers + " member(s) still consume on the source", offsets);
    }
    List<TranslatedOffset> missing = offsets.stream().filter(o -> !o.fresh()).toList();
    if (!missing.isEmpty()) {
      return new GroupTranslation(group, TranslationStatus.MISSING,
          "no offset sync yet (the mirror has not copied that far) for " + partitions(missing), offsets);
    }
    return new GroupTranslation(group, TranslationStatus.TRANSLATED, null, offsets);
  }

  /** What a mirror wait watches: the connectors on their Connect, and the source's partitions. */
  private record Watched(MirrorRequest mirror, MirrorConnectors connectors, ConnectRest rest, LagReader source) {
    /**
     * A heartbeating wait on the mirror: each poll first fails on a FAILED connector or task; a
     * Connect that answers busy (5xx, a rebalance) is a poll that saw nothing.
     */
    <R> R poll(long pollIntervalMs, Function<MirrorWatch, Step<MirrorWatch, R>> poll) {
      return WaitLoop.run(pollIntervalMs, MirrorWatch.class, MirrorWatch::fresh, watch -> {
        try {
          failOnTrouble();
          return poll.apply(watch);
        } catch (ApplicationFailure e) {
          if (ConnectRest.UNAVAILABLE.equals(e.getType())) {
            return Step.wait(watch);
          }
          throw e;
        }
      });
    }

    /** A FAILED connector or task fails the attempt with its trace, after asking Connect to restart it. */
    void failOnTrouble() {
      List<String> trouble = new ArrayList<>();
      for (String name : connectors.names()) {
        Optional<ConnectorStatus> status = rest.status(name);
        if (status.isEmpty()) {
          if (!rest.exists(name)) {
            trouble.add("connector " + name + " does not exist on " + rest.base());
          } // else: configured, not started yet
        } else if (status.get().failed()) {
          trouble.add(status.get().trouble());
          rest.restartFailed(name);
        }
      }
      if (!trouble.isEmpty()) {
        throw ApplicationFailure.newFailure(String.join("; ", trouble), CONNECTOR_FAILED);
      }
    }

    /**
     * Each partition's mirror lag: the source's end against the mirror's committed position, moved
     * on past what a read_committed consumer skips (markers, aborted records, gaps), so a
     * partition whose last copied record is followed only by a commit marker is copied.
     */
    List<PartitionMirrorLag> lags(Map<String, Long> starts, Map<String, Long> ends, NextReadable ahead) {
      Map<String, Long> mirrored = new HashMap<>();
      for (JsonNode o : rest.offsets(connectors.sourceName())) {
        JsonNode p = o.path("partition");
        // MirrorSourceTask commits the offset of the last record it copied.
        mirrored.put(PartitionKeys.of(p.path("topic").asText(), p.path("partition").asInt()), o.path("offset").path("offset").asLong() + 1);
      }
      Map<TopicPartition, Long> behind = new HashMap<>();
      ends.forEach((k, end) -> {
        long copied = mirrored.getOrDefault(k, starts.getOrDefault(k, 0L));
        if (copied < end) {
          behind.put(PartitionKeys.parse(k), copied);
        }
      });
      Map<TopicPartition, Long> next = ahead.from(behind);
      List<PartitionMirrorLag> out = new ArrayList<>();
      ends.forEach((k, end) -> {
        TopicPartition tp = PartitionKeys.parse(k);
        long copied = next.getOrDefault(tp, mirrored.getOrDefault(k, starts.getOrDefault(k, 0L)));
        out.add(new PartitionMirrorLag(tp.topic(), tp.partition(), end, copied, Math.max(0, end - copied)));
      });
      out.sort(Comparator.comparing(PartitionMirrorLag::topic).thenComparingInt(PartitionMirrorLag::partition));
      return out;
    }
  }

  private Watched watched(MirrorRequest mirror) {
    return new Watched(mirror, connectors(mirror), connect.forTarget(mirror.target()),
        sourceRead(mirror, () -> new LagReader(clusters.admin(mirror.source()), mirror.topics())));
  }

  /** A mirrored topic gone from the source is named, not retried: it will not come back by itself. */
  private static <T> T sourceRead(MirrorRequest mirror, Supplier<T> read) {
    try {
      return read.get();
    } catch (MissingTopicsException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "mirrored topic(s) " + e.topics() + " no longer exist on " + mirror.source() + ": deleted during the migration?",
          SOURCE_TOPIC_GONE);
    }
  }

  /** The source partitions of the mirrored topics. */
  private List<TopicPartition> sourcePartitions(MirrorRequest request) {
    return new TopicInspector(clusters.admin(request.source())).partitions(request.topics());
  }

  private static MirrorConnectors connectors(MirrorRequest request) {
    return new MirrorConnectors(request.migrationId(), request.source(), request.target());
  }

  private static String partitions(List<TranslatedOffset> offsets) {
    return offsets.stream().map(o -> o.topic() + "-" + o.partition()).collect(Collectors.joining(", "));
  }

  private static String describe(List<GroupTranslation> blocked) {
    return blocked.stream().map(GroupTranslation::describe).collect(Collectors.joining(", "));
  }
}
