package io.kmigrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When `demo --chaos` and `demo --soak` may exit 0. */
class ChaosPromisesTest {
  private static final SideEffects ONCE_EACH = SideEffects.oncePerStep(1, 1, 1);
  private static final List<WorkerChaos.Kill> THREE_KILLS = List.of(
      kill(WorkerChaos.PREPARE_TARGET), kill(WorkerChaos.DRAIN_WAIT), kill(WorkerChaos.AFTER_REPOINT));

  @Test
  void aChaosRunHoldsItsPromisesWhenCompletedWithNothingLostAfterThreeKillsAndEverySideEffectOnce() {
    assertThat(chaosReport("COMPLETED", 0, THREE_KILLS, ONCE_EACH).promisesHeld()).isTrue();
  }

  @Test
  void aSideEffectDoneTwiceFailsTheChaosRunEvenThoughNothingWasLost() {
    assertThat(chaosReport("COMPLETED", 0, THREE_KILLS, new SideEffects(1, 1, 2)).promisesHeld()).isFalse();
    assertThat(chaosReport("COMPLETED", 0, THREE_KILLS, new SideEffects(1, 2, 1)).promisesHeld()).isFalse();
  }

  @Test
  void fewerThanThreeKillsFailTheChaosRun() {
    assertThat(chaosReport("COMPLETED", 0, THREE_KILLS.subList(0, 2), ONCE_EACH).promisesHeld()).isFalse();
  }

  @Test
  void aLostMessageOrAnIncompleteMigrationFailsTheChaosRun() {
    assertThat(chaosReport("COMPLETED", 1, THREE_KILLS, ONCE_EACH).promisesHeld()).isFalse();
    assertThat(chaosReport("FAILED", 0, THREE_KILLS, ONCE_EACH).promisesHeld()).isFalse();
  }

  @Test
  void aRunWithoutChaosIsNotJudgedOnKillsOrSideEffects() {
    assertThat(chaosReport("COMPLETED", 0, null, ONCE_EACH).promisesHeld()).isTrue();
  }

  @Test
  void theSoakHoldsWhenEveryMigrationCompletedWithNothingLostNoUnplannedGateAndTheWorkerWasKilled() {
    SoakRun.Report ok = soak(2, 0, List.of(kill("mid-soak")), List.of());
    assertThat(ok.promisesHeld()).isTrue();
    assertThat(ok.summary()).isEqualTo("soak migrations=2 completed=2 lost=0 workerKills=1");

    assertThat(soak(1, 0, List.of(kill("mid-soak")), List.of()).promisesHeld()).as("one not completed").isFalse();
    assertThat(soak(2, 3, List.of(kill("mid-soak")), List.of()).promisesHeld()).as("lost").isFalse();
    assertThat(soak(2, 0, List.of(), List.of()).promisesHeld()).as("no kill").isFalse();
    assertThat(soak(2, 0, List.of(kill("mid-soak")), List.of("drain-stalled: group stalled")).promisesHeld()).as("unplanned gate").isFalse();
  }

  private static DemoReport chaosReport(String status, long lost, List<WorkerChaos.Kill> kills, SideEffects counted) {
    return report(status, lost, kills, counted, null);
  }

  private static DemoReport report(String status, long lost, List<WorkerChaos.Kill> kills, SideEffects counted, DemoReport.Security security) {
    return new DemoReport("production-first", "demo-production-first", status, 100, 100 - lost, lost, 0, 0, 10, 1000,
        null, null, null, null, null, null, counted, kills == null ? null : ONCE_EACH, kills, kills == null ? null : "worker.out", null, null,
        security);
  }

  private static DemoReport.Security security(int copied, int alreadyThere, List<String> missing) {
    return new DemoReport.Security(new DemoReport.Security.Acls(copied, alreadyThere, 0), new DemoReport.Security.Principals(2, missing));
  }

  @Test
  void aSecuredDemoHoldsOnlyWhenTheSourcesAclsReachedTheTargetAndEveryApplicationCanLogIn() {
    assertThat(report("COMPLETED", 0, null, null, security(4, 0, List.of())).promisesHeld()).isTrue();
    assertThat(report("COMPLETED", 0, null, null, security(0, 4, List.of())).promisesHeld()).as("copied by an earlier run").isTrue();
    assertThat(report("COMPLETED", 0, null, null, security(0, 0, List.of())).promisesHeld()).as("nothing copied").isFalse();
    assertThat(report("COMPLETED", 0, null, null, security(4, 0, List.of("User:demo-consumer"))).promisesHeld()).as("a login missing").isFalse();
  }

  private static SoakRun.Report soak(int completed, long lost, List<WorkerChaos.Kill> kills, List<String> gates) {
    List<SoakRun.Outcome> outcomes = List.of(
        new SoakRun.Outcome("soak-1-production-first", "production-first", "COMPLETED", 10, 10, 0, 0, 0, List.of()),
        new SoakRun.Outcome("soak-2-production-later", "production-later", completed == 2 ? "COMPLETED" : "FAILED", 10, 10 - lost, lost, 0, 0, gates));
    return new SoakRun.Report(2, completed, lost, 20, 20 - lost, 1000, kills, "worker.out", outcomes);
  }

  private static WorkerChaos.Kill kill(String point) {
    return new WorkerChaos.Kill(point, "2026-01-01T00:00:00Z", 1, 2, 3000, "observed");
  }
}
