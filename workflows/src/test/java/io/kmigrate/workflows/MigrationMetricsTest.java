package io.kmigrate.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.kmigrate.config.GateName;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Gate waits and repoints are timed in workflow time and reported once, though the worker here
 * keeps no workflow in its cache and so replays the whole history on every workflow task.
 */
@Timeout(60)
class MigrationMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Scope scope =
      new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry)).reportEvery(com.uber.m3.util.Duration.ofMillis(100));
  private final MigrationHarness h = new MigrationHarness(TestEnvironmentOptions.newBuilder()
      .setMetricsScope(scope)
      .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build()));

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aGateOpenForTwoHoursOfWorkflowTimeIsRecordedOnceWithItsWait() throws Exception {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);
    h.env.sleep(Duration.ofHours(2));
    h.approve(GateName.PRODUCER_CUTOVER, "alice");
    h.awaitGate(GateName.CONSUMER_CUTOVER);
    h.approve(GateName.CONSUMER_CUTOVER, "bob");
    assertThat(h.result().status()).isEqualTo(MigrationStatus.COMPLETED);
    // The worker counts the completion after the client saw the result: wait for its report.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (registry.find("temporal_workflow_completed").counter() == null && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    scope.close(); // reports what tally still buffers

    Timer producerGate = gateWait(GateName.PRODUCER_CUTOVER);
    assertThat(producerGate.count()).isEqualTo(1);
    assertThat(producerGate.totalTime(TimeUnit.SECONDS)).isBetween(7200.0, 7260.0);
    assertThat(gateWait(GateName.CONSUMER_CUTOVER).count()).isEqualTo(1);
    assertThat(gateWait(GateName.CONSUMER_CUTOVER).totalTime(TimeUnit.SECONDS)).isLessThan(60.0);
    for (String kind : new String[] {"producers", "consumers"}) {
      Timer repoint = registry.find(MigrationMetrics.REPOINT_DURATION).tags("kind", kind, "strategy", "routing").timer();
      assertThat(repoint).as(kind).isNotNull();
      assertThat(repoint.count()).as(kind).isEqualTo(1);
    }
    assertThat(registry.find("temporal_workflow_completed").tags("workflow_type", "ProductionFirstMigration").counter().count())
        .isEqualTo(1.0);
  }

  private Timer gateWait(String gate) {
    Timer timer = registry.find(MigrationMetrics.GATE_WAIT).tags("gate", gate, "decision", "approved").timer();
    assertThat(timer).as("gate wait of " + gate).isNotNull();
    return timer;
  }
}
