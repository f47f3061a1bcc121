package io.kmigrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo as a user runs it: the packaged jar, two real local clusters, the workflow, the sample
 * application. Passes only when the report proves the scheme's promises held.
 */
class DemoIT {
  /** Runs {@code ./kmigrate demo --scheme S [extra]} from the packaged jar and returns its report. */
  static JsonNode runDemo(String scheme, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--scheme", scheme));
    args.addAll(List.of(extra));
    JsonNode r = runDemoJar(scheme + String.join("", extra).replace("--", "-"), args);
    assertThat(r.path("scheme").asText()).isEqualTo(scheme);
    assertThat(r.path("produced").asLong()).isPositive();
    assertThat(r.has("duplicates")).isTrue();
    assertThat(r.has("outOfOrder")).isTrue();
    return r;
  }

  /** Runs {@code ./kmigrate demo ARGS} from the packaged jar, requires exit 0, and returns its report. */
  static JsonNode runDemoJar(String name, List<String> args) throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    Path report = target.resolve("demo-" + name + ".json");
    Path log = target.resolve("demo-" + name + ".log");
    Files.deleteIfExists(report);
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", target.resolve("kmigrate-demo.jar").toString(),
        "demo", "--report", report.toString(), "--temporal-port", "0", "--data-dir", target.resolve("demo-data-" + name).toString()));
    cmd.addAll(args);
    Process demo = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertThat(demo.waitFor(5, TimeUnit.MINUTES)).as("demo finished within 5 minutes, see " + log).isTrue();
      assertThat(demo.exitValue()).as("exit code, see " + log).isZero();
    } finally {
      demo.destroyForcibly();
      demo.waitFor(30, TimeUnit.SECONDS);
    }
    JsonNode r = new ObjectMapper().readTree(report.toFile());
    System.out.println("demo report: " + r);
    return r;
  }

  static void assertCompletedWithNothingLost(JsonNode r) {
    assertThat(r.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(r.path("lost").asLong()).isZero();
    assertThat(r.path("consumed").asLong()).isGreaterThanOrEqualTo(r.path("produced").asLong());
  }

  /** Nothing read twice, no aborted record read, and some aborted records written to prove it. */
  static void assertExactlyOnceOfCommittedRecords(JsonNode r) {
    assertThat(r.path("duplicates").asLong()).isZero();
    assertThat(r.path("transactions").path("abortedRecords").asLong()).isPositive();
    assertThat(r.path("transactions").path("abortedConsumed").asLong()).isZero();
  }

  @Test
  void aCampaignDiscoversServicesSharingATopicAndMovesThemInTwoWavesWithEveryGroupReadingEveryRecordInOrder() throws Exception {
    JsonNode r = runDemoJar("campaign", List.of("--campaign"));

    assertThat(r.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(r.path("discovered").path("units").asInt()).isEqualTo(3);
    assertThat(r.path("discovered").path("groups").asInt()).isEqualTo(4);
    assertThat(r.path("waves")).hasSize(2);
    assertThat(r.path("waves").get(0)).as("a canary alone first").hasSize(1);
    assertThat(r.path("waves").get(1)).hasSize(2);
    assertThat(r.path("units")).hasSize(3);
    for (JsonNode unit : r.path("units")) {
      assertThat(unit.path("status").asText()).as(unit.path("name").asText()).isEqualTo("COMPLETED");
      for (JsonNode g : unit.path("groups")) {
        assertThat(g.path("produced").asLong()).as(g.path("group").asText()).isPositive();
        assertThat(g.path("lost").asLong()).as(g.path("group").asText()).isZero();
        assertThat(g.path("outOfOrder").asLong()).as(g.path("group").asText()).isZero();
        assertThat(g.path("consumed").asLong()).isGreaterThanOrEqualTo(g.path("produced").asLong());
      }
    }
    JsonNode shared = findUnit(r, "shop.orders");
    assertThat(shared.path("groups").findValuesAsText("group")).containsExactlyInAnyOrder("billing", "shipping");
    assertThat(shared.path("wave").asInt()).as("the bigger unit waits for the canary").isEqualTo(2);
    assertThat(r.path("lost").asLong()).isZero();
  }

  private static JsonNode findUnit(JsonNode report, String topic) {
    for (JsonNode unit : report.path("units")) {
      if (unit.path("topics").get(0).asText().equals(topic)) {
        return unit;
      }
    }
    throw new AssertionError("no unit moves " + topic + ": " + report.path("units"));
  }

  @Test
  void productionFirstMovesATransactionalAppWithNothingLostNothingAbortedReadAndOrderKept() throws Exception {
    JsonNode r = runDemo("production-first", "--producers", "3", "--rate", "600", "--transactional");

    assertCompletedWithNothingLost(r);
    assertExactlyOnceOfCommittedRecords(r);
    assertThat(r.path("outOfOrder").asLong()).as("three producer instances, each key written by one").isZero();
    assertThat(r.path("cutoverPause").path("producers").asInt()).isEqualTo(3);
    assertThat(r.path("cutoverPause").path("cutovers")).as("each instance moved once, source to target").hasSize(3);
    assertThat(r.path("steps").findValuesAsText("name"))
        .containsSubsequence("preflight", "prepare-target", "repoint-producers", "verify-producers", "drain-source",
            "repoint-consumers", "verify-consumers");
  }

  @Test
  void mirrorThenSwitchCopiesATransactionalHistoryAndMovesANewProtocolGroupAtExactOffsetsKeepingOrder() throws Exception {
    JsonNode r = runDemo("mirror-then-switch", "--history", "20000", "--transactional", "--group-protocol", "consumer");

    assertCompletedWithNothingLost(r);
    assertExactlyOnceOfCommittedRecords(r);
    assertThat(r.path("outOfOrder").asLong()).isZero();
    JsonNode mirror = r.path("mirror");
    assertThat(mirror.path("offsetsExact").asText()).isEqualTo("6 of 6 group-partitions");
    assertThat(mirror.path("checksumsMatch").asBoolean()).isTrue();
    assertThat(mirror.path("sourceRecords").asLong()).isGreaterThanOrEqualTo(20_000).isEqualTo(mirror.path("targetRecords").asLong());
    assertThat(mirror.path("recordsPerSec").asLong()).isPositive();
    assertThat(mirror.path("groupsTranslated").asText()).isEqualTo("groups translated 1 of 1");
    assertThat(r.path("steps").findValuesAsText("name"))
        .containsSubsequence("preflight", "prepare-target", "start-mirror", "mirror-caught-up", "stop-consumers-on-source",
            "translate-offsets", "write-translated-offsets", "repoint-consumers", "fence-producers", "mirror-last-records",
            "repoint-producers", "verify-producers", "stop-mirror", "verify-copy", "verify-consumers");
    assertThat(r.path("decisions").findValuesAsText("gate")).containsExactly("consumer-cutover", "producer-cutover");
  }

  @Test
  void productionFirstWithTheMirrorHandsANewProtocolGroupOverExactlyAfterTheHistoryIsCopied() throws Exception {
    JsonNode r = runDemo("production-first", "--mirror", "--history", "10000", "--group-protocol", "consumer");

    assertCompletedWithNothingLost(r);
    assertThat(r.path("outOfOrder").asLong()).isZero();
    assertThat(r.path("duplicates").asLong()).isZero();
    assertThat(r.path("mirror").path("offsetsExact").asText()).isEqualTo("6 of 6 group-partitions");
    assertThat(r.path("mirror").path("checksumsMatch").asBoolean()).isTrue();
    assertThat(r.path("mirror").path("sourceRecords").asLong()).isEqualTo(r.path("mirror").path("targetRecords").asLong());
    assertThat(r.path("steps").findValuesAsText("name"))
        .containsSubsequence("start-mirror", "mirror-caught-up", "fence-producers", "mirror-last-records", "repoint-producers",
            "verify-producers", "mirror-drained", "verify-copy", "drain-source", "stop-consumers-on-source", "translate-offsets",
            "write-translated-offsets", "repoint-consumers", "stop-mirror", "verify-consumers");
  }

  @Test
  void productionLaterOnSecuredClustersCopiesTheAclsAndTheAppsWorkOnTheTargetAsTheirOwnPrincipalsOnTheNewConsumerProtocol() throws Exception {
    JsonNode r = runDemo("production-later", "--group-protocol", "consumer", "--secure");

    assertCompletedWithNothingLost(r);
    assertThat(r.path("security").path("acls").path("copied").asInt()).as("prefixed topic, prefixed transactional id, topic, group").isEqualTo(4);
    assertThat(r.path("security").path("acls").path("conflicts").asInt()).isZero();
    assertThat(r.path("security").path("principals").path("checked").asInt()).isEqualTo(2);
    assertThat(r.path("security").path("principals").path("missing")).isEmpty();
    assertThat(r.path("steps").findValuesAsText("detail")).anySatisfy(d -> assertThat(d).contains("ACLs copied 4").contains("quotas copied 1"));
    assertThat(r.path("steps").findValuesAsText("name"))
        .containsSubsequence("preflight", "prepare-target", "start-new-consumers", "verify-new-consumers-joined",
            "repoint-producers", "verify-producers", "verify-target-consuming", "drain-source", "stop-old-consumers",
            "verify-consumers");
    assertThat(r.path("decisions").findValuesAsText("gate")).containsExactly("producer-cutover", "stop-old-consumers");
  }

  @Test
  void anAbortAfterTheProducersMovedRollsThemBackAndMissesExactlyTheRecordsReportedStranded() throws Exception {
    JsonNode r = runDemo("production-first", "--abort-after", "producers-moved");

    assertThat(r.path("status").asText()).isEqualTo("ABORTED");
    assertThat(r.path("abortedAfter").asText()).isEqualTo("producers-moved");
    assertThat(r.path("rollback").path("repointedBack").get(0).asText()).isEqualTo("demo-producer");
    assertThat(r.path("rollback").path("producersBack").asBoolean()).isTrue();
    assertThat(r.path("lost").asLong()).as("exactly the stranded records").isEqualTo(r.path("rollback").path("strandedTotal").asLong());
    assertThat(r.path("steps").findValuesAsText("name")).containsSubsequence(
        "repoint-producers", "verify-producers", "rollback-repoint", "rollback-verify-producers", "stranded-on-target");
  }

  @Test
  void aWorkerKilledWhileTopicsAreCreatedDuringTheDrainAndRightAfterARepointLeavesEverySideEffectDoneOnce() throws Exception {
    JsonNode r = runDemo("production-first", "--chaos", "kill-worker");

    assertCompletedWithNothingLost(r);
    assertThat(r.path("outOfOrder").asLong()).isZero();
    assertThat(r.path("workerKills").findValuesAsText("point")).containsExactly("prepare-target", "drain-wait", "after-repoint");
    // the consumer's change was applied and its worker killed before the call was answered: the retry must not apply it again
    assertThat(r.path("workerKills").get(2).path("observed").asText()).contains("killed before it was answered");
    assertThat(r.path("sideEffects")).isEqualTo(r.path("expectedSideEffects"));
    assertThat(r.path("sideEffects").path("topicsCreated").asInt()).isEqualTo(1);
    assertThat(r.path("sideEffects").path("routeFlips").asInt()).isEqualTo(1);
    assertThat(r.path("sideEffects").path("webhooksApplied").asInt()).isEqualTo(1);
    assertThat(Path.of(r.path("workerLog").asText())).exists();
    for (JsonNode kill : r.path("workerKills")) {
      assertThat(ProcessHandle.of(kill.path("killedPid").asLong()).filter(ProcessHandle::isAlive)).as("killed worker gone").isEmpty();
      assertThat(ProcessHandle.of(kill.path("restartedPid").asLong()).filter(ProcessHandle::isAlive)).as("no worker outlives the demo").isEmpty();
    }
  }

  @Test
  void webhookRepointingReachesADeploySystemThatRefusesEachFirstDeliveryAndAppliesEachChangeOnce() throws Exception {
    JsonNode r = runDemo("production-later", "--strategy", "webhook");

    assertCompletedWithNothingLost(r);
    // producer to target, new consumer to target, old consumer stopped: three changes, each retried once
    assertThat(r.path("webhooks").path("applied").asInt()).isEqualTo(3);
    assertThat(r.path("webhooks").path("deliveries").asInt()).isEqualTo(6);
    assertThat(r.path("webhooks").path("badSignatures").asInt()).isZero();
  }
}
