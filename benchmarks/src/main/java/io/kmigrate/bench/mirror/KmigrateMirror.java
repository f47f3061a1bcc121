package io.kmigrate.bench.mirror;

import io.kmigrate.activities.MirrorActivitiesImpl;
import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.mirror.ConnectEndpoints;
import io.kmigrate.workflows.contract.MirrorActivities;
import io.kmigrate.workflows.contract.MirrorCaughtUp;
import io.kmigrate.workflows.contract.MirrorRequest;
import io.kmigrate.workflows.contract.MirrorStarted;
import io.kmigrate.workflows.contract.MirrorWaitRequest;
import io.kmigrate.workflows.contract.OffsetTranslation;
import io.kmigrate.workflows.contract.TranslateRequest;
import io.kmigrate.workflows.contract.WaitSettings;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;

/**
 * kmigrate's mirror phase as the workflow runs it: {@link MirrorActivitiesImpl} (MirrorMaker 2's
 * connectors on the embedded Kafka Connect worker), called through Temporal activity stubs in a
 * test activity environment, so the heartbeating waits run as on a worker.
 */
final class KmigrateMirror implements AutoCloseable {
  /** The caught-up wait polls this often here (a plan's default is 5 s): it only confirms, it is not timed. */
  private static final WaitSettings WAITS = new WaitSettings(500, 0, 60_000);

  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final MirrorActivities activities;
  private final MirrorRequest request;

  KmigrateMirror(Clusters clusters, ConnectEndpoints connect, String migrationId, String topic) {
    this(clusters, connect, migrationId, topic, List.of());
  }

  /** With {@code groups} whose offsets {@link #translate} hands over. */
  KmigrateMirror(Clusters clusters, ConnectEndpoints connect, String migrationId, String topic, List<String> groups) {
    env.registerActivitiesImplementations(new MirrorActivitiesImpl(clusters, connect));
    activities = env.newActivityStub(MirrorActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(30))
            .setHeartbeatTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(500)).setMaximumAttempts(5).build())
            .build());
    request = new MirrorRequest(migrationId, "source", "target", List.of(topic), groups);
  }

  MirrorStarted start() {
    return activities.startMirror(request);
  }

  /** The workflow's wait for the last record (producers fenced): caught up when no partition lags. */
  MirrorCaughtUp awaitLastRecord() {
    return activities.awaitMirrorCaughtUp(new MirrorWaitRequest(request, WAITS, Duration.ofMinutes(2).toMillis(), true));
  }

  /** The workflow's translation wait: every group's offsets, established from the records. */
  OffsetTranslation translate() {
    return activities.awaitOffsetsTranslated(new TranslateRequest(request, WAITS, Duration.ofMinutes(2).toMillis()));
  }

  @Override
  public void close() {
    try {
      activities.stopMirror(request);
    } finally {
      env.close();
    }
  }
}
