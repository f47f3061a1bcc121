package io.kmigrate.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.activities.MirrorActivitiesImpl;
import io.kmigrate.activities.mirror.ConnectEndpoints;
import io.kmigrate.activities.mirror.ConnectRest;
import io.kmigrate.activities.mirror.LocalConnectWorker;
import io.kmigrate.localstack.SharedStack;
import io.kmigrate.workflows.contract.MirrorActivities;
import io.kmigrate.workflows.contract.MirrorRequest;
import io.kmigrate.workflows.contract.MirrorStarted;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production back end: MirrorMaker 2's connectors created, watched and deleted on an existing
 * Kafka Connect cluster over its REST API. The cluster here is Apache Kafka's own
 * connect-distributed in a separate JVM, its state on the local target cluster.
 */
class ConnectClusterMirrorTest {
  static LocalConnectWorker worker;
  static ConnectEndpoints connect;
  TestActivityEnvironment env;
  MirrorActivities mirror;

  @BeforeAll
  static void startConnectCluster() throws Exception {
    SharedStack.stack();
    worker = LocalConnectWorker.start(
        SharedStack.stack().target().bootstrapServers(), "kmigrate-connect-cluster", Files.createTempDirectory("kmigrate-connect"));
    connect = new ConnectEndpoints(LocalClusters.shared(), Optional.of(worker.url()));
  }

  @AfterAll
  static void stopConnectCluster() {
    connect.close();
    worker.close();
  }

  @BeforeEach
  void activityEnvironment() throws Exception {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new MirrorActivitiesImpl(LocalClusters.shared(), connect));
    mirror = MirrorActivitiesTest.stub(env, 5);
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void theConnectorsRunOnTheConfiguredConnectClusterNotInTheWorker() throws Exception {
    MirrorRequest request = new MirrorRequest("cc-where", "source", "target", List.of("cc.where"), List.of());
    MirrorActivitiesTest.topicOnBoth("cc.where");

    MirrorStarted started = mirror.startMirror(request);
    try {
      assertThat(started.connect()).isEqualTo(worker.url().toString());
      assertThat(started.connectors()).hasSize(3).allSatisfy(name -> assertThat(existsOnceSettled(name)).isTrue());
    } finally {
      mirror.stopMirror(request);
    }
  }

  /** Connect answers 500 while it rebalances after a connector was created: ask again. */
  private static boolean existsOnceSettled(String connector) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try {
        return connect.forTarget("target").exists(connector);
      } catch (ApplicationFailure e) {
        if (!ConnectRest.UNAVAILABLE.equals(e.getType()) || System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(250);
      }
    }
  }

  @Test
  void copiesHistoryTranslatesAStoppedGroupAndVerifiesTheCopyOnAConnectCluster() throws Exception {
    MirrorActivitiesTest.copyTranslateAndVerify(mirror, "cc.history", "cc-history", "cc-app");
  }
}
