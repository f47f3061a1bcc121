package io.kmigrate.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.activities.lag.DrainState;
import io.kmigrate.activities.lag.ProducerWatch;
import io.kmigrate.config.ClusterConfig;
import io.kmigrate.localstack.LocalKafkaCluster;
import io.kmigrate.localstack.LocalStack;
import io.kmigrate.localstack.LocalTraffic;
import io.kmigrate.workflows.contract.DrainRequest;
import io.kmigrate.workflows.contract.DrainResult;
import io.kmigrate.workflows.contract.GroupStatus;
import io.kmigrate.workflows.contract.ProducersMovedRequest;
import io.kmigrate.workflows.contract.ProducersMovedResult;
import io.kmigrate.workflows.contract.TrafficActivities;
import io.kmigrate.workflows.contract.WaitSettings;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The drain and producers-moved waits while a broker restarts (a controlled shutdown, then a
 * start on the same port and data): while it is down every poll is an error, and an error is no
 * verdict, never zero lag nor "moved": the wait keeps polling and heartbeating, and judges again
 * once the broker is back. This class owns its stack: the shared one must not lose a broker
 * under other tests.
 */
@Timeout(90)
class BrokerRestartTest {
  /** Polls every 200 ms; drained or moved once held 1 s; a commit frozen 6 s is a stall. */
  static final WaitSettings WAITS = new WaitSettings(200, 1000, 6000);
  static LocalStack stack;
  static Clusters clusters;
  TestActivityEnvironment env;
  TrafficActivities traffic;

  @BeforeAll
  static void startStack() throws Exception {
    stack = LocalStack.start(new LocalStack.Options(java.nio.file.Files.createTempDirectory("kmigrate-restart"), 0, 0, 0, false, true));
    // Admin calls give up in seconds, so a poll of a stopped broker fails quickly.
    Map<String, String> quick = Map.of("request.timeout.ms", "2000", "default.api.timeout.ms", "3000");
    clusters = new Clusters(
        Map.of(
            "source", new ClusterConfig(stack.source().bootstrapServers(), quick),
            "target", new ClusterConfig(stack.target().bootstrapServers(), quick)),
        SecretResolver.fromEnvironment());
  }

  @AfterAll
  static void stopStack() {
    if (clusters != null) {
      clusters.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @BeforeEach
  void activityEnvironment() {
    env = TestActivityEnvironment.newInstance();
    // The SDK sends a heartbeat at most every 0.8 x the timeout: short, so the test sees the outage's.
    traffic = LocalClusters.trafficStub(env, clusters, Duration.ofSeconds(2));
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  /** A heartbeat's details and when it was sent. */
  record Beat<S>(long atMillis, S state) {}

  <S> List<Beat<S>> heartbeats(Class<S> type) {
    List<Beat<S>> beats = new CopyOnWriteArrayList<>();
    env.setActivityHeartbeatListener(type, s -> beats.add(new Beat<>(System.currentTimeMillis(), s)));
    return beats;
  }

  /** When the broker went down and when it answered again. */
  record Outage(long downAtMillis, long upAtMillis) {
    boolean covers(long atMillis) {
      return atMillis >= downAtMillis && atMillis < upAtMillis;
    }

    <S> List<S> during(List<Beat<S>> beats) {
      return beats.stream().filter(b -> covers(b.atMillis())).map(Beat::state).toList();
    }
  }

  /** Stops {@code broker}, keeps it down for {@code down}, restarts it on the same port and data. */
  static Outage restartAfter(LocalKafkaCluster broker, Duration down) throws Exception {
    long downAt = System.currentTimeMillis();
    broker.stop();
    Thread.sleep(Math.max(0, downAt + down.toMillis() - System.currentTimeMillis()));
    broker.restart();
    return new Outage(downAt, System.currentTimeMillis());
  }

  @Test
  void theDrainWaitNeverReportsDrainedWhileTheSourceIsDownAndCompletesOnceItIsBackAndTheGroupDrained() throws Exception {
    String topic = "restart.drain";
    LocalTraffic.createTopic(clusters.admin("source"), topic, 2, Map.of());
    LocalTraffic.produceUnbatched(stack.source().bootstrapServers(), topic, 600);
    AtomicBoolean consuming = new AtomicBoolean(true);
    // About 50 records a second: the group still has lag when the broker goes down.
    Thread member = LocalTraffic.committingMember(stack.source().bootstrapServers(), topic, "restart-drain", consuming, 5, 100);
    List<Beat<DrainState>> beats = heartbeats(DrainState.class);
    try {
      CompletableFuture<DrainResult> wait = CompletableFuture.supplyAsync(() ->
          traffic.awaitDrained(new DrainRequest("source", List.of(topic), List.of("restart-drain"), WAITS, List.of())));
      Thread.sleep(1500);
      assertThat(wait).as("the group has lag: the wait is still running").isNotDone();

      // Down longer than stallAfter: commits the outage prevented must not make the group "stalled".
      Outage outage = restartAfter(stack.source(), Duration.ofMillis(WAITS.stallAfterMs() + 2000));
      DrainResult r = wait.get(60, TimeUnit.SECONDS);
      long doneAt = System.currentTimeMillis();

      assertThat(outage.during(beats)).as("the wait went on polling while the broker was down, and said why")
          .filteredOn(s -> s.unobservedSinceMillis() > 0)
          .isNotEmpty()
          .allSatisfy(s -> {
            assertThat(s.unobservedSinceMillis()).isGreaterThanOrEqualTo(outage.downAtMillis());
            assertThat(s.unobservedBecause()).isNotBlank();
            assertThat(s.stableSinceMillis()).isEqualTo(-1);
          });
      assertThat(outage.covers(doneAt)).as("no verdict while the broker was down").isFalse();
      assertThat(r.drained()).as("drained after the restart, not blamed on the group: " + r.verdicts()).isTrue();
      assertThat(r.last().atMillis()).isGreaterThan(outage.upAtMillis());
      assertThat(r.last().totalLag()).isZero();
      assertThat(r.last().partitions()).as("every partition judged").hasSize(2);
      assertThat(r.verdicts()).extracting(v -> v.status()).containsOnly(GroupStatus.CAUGHT_UP);
    } finally {
      consuming.set(false);
      member.join();
    }
  }

  @Test
  void theProducersMovedWaitNeverReportsMovedWhileTheTargetIsDownAndSucceedsOnceItIsBack() throws Exception {
    String topic = "restart.moved";
    LocalTraffic.createTopic(clusters.admin("source"), topic, 2, Map.of());
    LocalTraffic.createTopic(clusters.admin("target"), topic, 2, Map.of());
    LocalTraffic.produce(stack.source().bootstrapServers(), topic, 20); // written before the switch
    AtomicBoolean producing = new AtomicBoolean(true);
    Thread producer = TrafficActivitiesTest.steadyProducer(stack.target().bootstrapServers(), topic, producing);
    List<Beat<ProducerWatch>> beats = heartbeats(ProducerWatch.class);
    // The source must stay quiet for 5 s: the target goes down before that can be judged.
    WaitSettings holdFiveSeconds = new WaitSettings(200, 5000, 6000);
    try {
      CompletableFuture<ProducersMovedResult> wait = CompletableFuture.supplyAsync(() ->
          traffic.awaitProducersMoved(new ProducersMovedRequest("source", "target", List.of(topic), List.of("app"), holdFiveSeconds, 60_000)));
      Thread.sleep(500);

      Outage outage = restartAfter(stack.target(), Duration.ofSeconds(8));
      ProducersMovedResult r = wait.get(60, TimeUnit.SECONDS);
      long doneAt = System.currentTimeMillis();

      assertThat(outage.during(beats)).as("the wait went on polling while the target was down").isNotEmpty();
      assertThat(outage.covers(doneAt)).as("no verdict while the target was down").isFalse();
      assertThat(r.moved()).isTrue();
      assertThat(r.trafficSeen()).isTrue();
      assertThat(r.targetRecords()).as("the target's writes were seen").isPositive();
      assertThat(r.strays()).isEmpty();
    } finally {
      producing.set(false);
      producer.join();
    }
  }
}
