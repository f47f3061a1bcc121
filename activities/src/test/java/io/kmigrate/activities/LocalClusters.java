package io.kmigrate.activities;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.config.ClusterConfig;
import io.kmigrate.localstack.LocalStack;
import io.kmigrate.localstack.SharedStack;
import io.kmigrate.workflows.contract.TrafficActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.Map;

/** The activities' view of the local brokers: the cluster registry a worker would build over them. */
public final class LocalClusters {
  private static Clusters shared;

  private LocalClusters() {}

  /** Clusters over the suite's {@link SharedStack}, closed at the JVM's exit. */
  public static synchronized Clusters shared() throws Exception {
    if (shared == null) {
      shared = clusters(SharedStack.stack());
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kmigrate-test-clusters-stop"));
    }
    return shared;
  }

  /** {@code source} and {@code target} on the stack's brokers, and {@code nowhere}, which never answers. */
  public static Clusters clusters(LocalStack stack) {
    return new Clusters(
        Map.of(
            "source", new ClusterConfig(stack.source().bootstrapServers(), Map.of()),
            "target", new ClusterConfig(stack.target().bootstrapServers(), Map.of()),
            "nowhere", new ClusterConfig("127.0.0.1:1", Map.of())),
        SecretResolver.fromEnvironment());
  }

  /**
   * The traffic waits as a worker runs them, in a test activity environment: heartbeats every
   * 0.8 x {@code heartbeatTimeout}, two minutes per attempt.
   */
  public static TrafficActivities trafficStub(TestActivityEnvironment env, Clusters clusters, Duration heartbeatTimeout) {
    env.registerActivitiesImplementations(new TrafficActivitiesImpl(clusters));
    return env.newActivityStub(TrafficActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(2)).setHeartbeatTimeout(heartbeatTimeout).build());
  }
}
