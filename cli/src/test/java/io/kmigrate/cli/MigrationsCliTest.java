package io.kmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.kmigrate.activities.kafka.TopicInspector;
import io.kmigrate.api.KmigrateApplication;
import io.kmigrate.api.KmigrateConfiguration;
import io.kmigrate.api.testing.UserTokens;
import io.kmigrate.localstack.Ports;
import io.kmigrate.worker.KmigrateRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client commands against a running server on the embedded default (in-memory Temporal, two
 * local KRaft clusters, H2) with auth on, one server for the class: what an operator types, the
 * exit codes a script branches on, and the JSON it parses.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MigrationsCliTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final UserTokens TOKENS = new UserTokens("kmigrate-cli-test");
  static final Path DIR = TOKENS.dir();
  static final String VIEWER = TOKENS.token("vera");
  static final String OPERATOR = TOKENS.token("olga");
  static final String TOPIC = "cli.orders";
  static final String GROUP = "cli-orders-app";
  static final int BACKLOG = 3_000;

  static final DropwizardAppExtension<KmigrateConfiguration> APP = new DropwizardAppExtension<>(KmigrateApplication.class, config());

  static String config() {
    Map<String, List<String>> roles = new LinkedHashMap<>();
    roles.put("vera", List.of("viewer"));
    roles.put("olga", List.of("operator", "approver"));
    return TOKENS.serverConfig(roles);
  }

  static KmigrateRuntime runtime() {
    return ((KmigrateApplication) APP.getApplication()).runtime();
  }

  static Map<String, String> as(String token) {
    return token == null ? Map.of("KMIGRATE_API", api()) : Map.of("KMIGRATE_API", api(), "KMIGRATE_TOKEN", token);
  }

  static String api() {
    return "http://127.0.0.1:" + APP.getLocalPort();
  }

  static Path plan(String name, String topic, String group) throws IOException {
    Path file = DIR.resolve(name + ".yaml");
    Files.writeString(file, String.join("\n",
        "name: " + name,
        "scheme: production-first",
        "source: source",
        "target: target",
        "topics: [" + topic + "]",
        "consumerGroups: [" + group + "]",
        "clients:",
        "  - {name: " + name + "-producer, role: producer}",
        "  - {name: " + name + "-consumer, role: consumer, consumerGroup: " + group + "}",
        "waits: {pollInterval: 500ms, stableFor: 1s, maxWait: 10m}",
        ""));
    return file;
  }

  /** A backlog on the source for {@link #GROUP}, which has committed nothing past its start. */
  @BeforeAll
  static void sourceHasABacklogAndAGroup() throws Exception {
    runtime().clusters().admin("source").createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    // Written the moment it is served: see TopicInspector.awaitServed.
    new TopicInspector(runtime().clusters().admin("source")).awaitServed(List.of(TOPIC), Duration.ofSeconds(30), () -> { });
    produce("source", BACKLOG);
    try (KafkaConsumer<String, String> c = consumer("source", 1)) {
      c.subscribe(List.of(TOPIC));
      while (c.assignment().isEmpty()) {
        c.poll(Duration.ofMillis(200));
      }
      c.seekToBeginning(c.assignment());
      c.position(c.assignment().iterator().next());
      c.commitSync();
    }
  }

  static void produce(String cluster, int records) throws Exception {
    try (KafkaProducer<String, String> p = new KafkaProducer<>(runtime().clusters().clientProperties(cluster),
        new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < records; i++) {
        p.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i));
      }
      p.flush();
    }
  }

  static KafkaConsumer<String, String> consumer(String cluster, int maxPollRecords) {
    Properties props = new Properties();
    props.putAll(runtime().clusters().clientProperties(cluster));
    props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }

  /** The application's consumer: polls, commits each batch, sleeps {@code pause} between batches, until stopped. */
  static Thread consuming(String cluster, int batch, Duration pause, AtomicBoolean stop) {
    Thread t = new Thread(() -> {
      try (KafkaConsumer<String, String> c = consumer(cluster, batch)) {
        c.subscribe(List.of(TOPIC));
        while (!stop.get()) {
          if (!c.poll(Duration.ofMillis(100)).isEmpty()) {
            c.commitSync();
          }
          Thread.sleep(pause.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "app-consumer-" + cluster);
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void anOperatorStartsWatchesToEachGateApprovesAndWatchesAMigrationToItsEnd() throws Exception {
    CliRun started = CliRun.run(as(OPERATOR), "migrations", "start", plan("cli-move", TOPIC, GROUP).toString());
    assertThat(started.code()).as(started.err()).isZero();
    assertThat(started.out()).contains("started cli-move (ProductionFirstMigration").contains("kmigrate migrations watch cli-move");

    CliRun toGate = CliRun.run(as(VIEWER), "migrations", "watch", "cli-move", "--until-gate", "--interval", "300ms");
    assertThat(toGate.code()).as(toGate.err()).isZero();
    assertThat(toGate.lastLine()).isEqualTo("gate producer-cutover is open: kmigrate approve cli-move producer-cutover -m 'why'");

    CliRun shown = CliRun.run(as(VIEWER), "migrations", "show", "cli-move");
    assertThat(shown.out()).contains("gate open: producer-cutover").contains("preflight").contains("done")
        .contains("kmigrate approve cli-move producer-cutover -m 'why'");

    CliRun approved = CliRun.run(as(OPERATOR), "approve", "cli-move", "producer-cutover", "-m", "producers are deployed", "--by", "mallory");
    assertThat(approved.code()).as(approved.err()).isZero();
    // With auth on, the token's user decides, whatever --by says.
    assertThat(approved.out()).startsWith("approved producer-cutover of cli-move by olga at ");

    // The application drains its backlog at about 500 records/s while the drain is watched.
    AtomicBoolean stopOnSource = new AtomicBoolean();
    Thread onSource = consuming("source", 50, Duration.ofMillis(100), stopOnSource);
    produce("target", 100); // the moved producer writes to the target
    JsonNode draining = awaitShown("cli-move", v -> v.path("liveWait").path("eta").path("etaSeconds").isNumber()
        && v.path("liveWait").path("eta").path("lag").asLong() > 0);
    assertThat(draining.path("progress").path("phase").asText()).isEqualTo("drain-source");
    CliRun drainShown = CliRun.run(as(VIEWER), "migrations", "show", "cli-move");
    assertThat(drainShown.out()).containsPattern("drain: lag [0-9,]+ · consuming [0-9,]+/s · producing [0-9,]+/s · drained in about \\d+")
        .contains(GROUP);

    CliRun toCutover = CliRun.run(as(VIEWER), "migrations", "watch", "cli-move", "--until-gate=consumer-cutover", "--interval", "300ms", "-o", "json");
    assertThat(toCutover.code()).as(toCutover.err()).isZero();
    JsonNode atCutover = JSON.readTree(toCutover.out());
    assertThat(atCutover.path("progress").path("openGate").path("name").asText()).isEqualTo("consumer-cutover");
    assertThat(toCutover.err()).contains("gate consumer-cutover is open");

    stopOnSource.set(true);
    onSource.join(10_000);
    assertThat(CliRun.run(as(OPERATOR), "approve", "cli-move", "consumer-cutover", "-m", "consumers follow").code()).isZero();
    AtomicBoolean stopOnTarget = new AtomicBoolean();
    Thread onTarget = consuming("target", 50, Duration.ofMillis(100), stopOnTarget);
    try {
      CliRun toEnd = CliRun.run(as(VIEWER), "migrations", "watch", "cli-move", "--interval", "300ms");
      assertThat(toEnd.code()).as(toEnd.out() + toEnd.err()).isZero();
      assertThat(toEnd.lastLine()).isEqualTo("migration cli-move ended: COMPLETED");
    } finally {
      stopOnTarget.set(true);
      onTarget.join(10_000);
    }

    CliRun listed = CliRun.run(as(VIEWER), "migrations", "list", "-o", "json");
    assertThat(listed.code()).isZero();
    assertThat(JSON.readTree(listed.out()).findValuesAsText("id")).contains("cli-move");
    CliRun audit = CliRun.run(as(VIEWER), "migrations", "audit", "cli-move");
    assertThat(audit.out()).containsPattern("approved\\s+producer-cutover\\s+olga\\s+127.0.0.1\\s+producers are deployed")
        .containsPattern("approved\\s+consumer-cutover\\s+olga");
  }

  /** Reads the view through the API, as {@code show -o json} does, until {@code until} holds. */
  static JsonNode awaitShown(String id, java.util.function.Predicate<JsonNode> until) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      CliRun r = CliRun.run(as(VIEWER), "migrations", "show", id, "-o", "json");
      if (r.code() == 0) {
        last = JSON.readTree(r.out());
        if (until.test(last)) {
          return last;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not seen within 60 s; last view: " + last);
  }

  @Test
  void eachRefusalIsOneLineAndAnExitCodeAScriptCanBranchOn() throws Exception {
    CliRun noToken = CliRun.run(as(null), "migrations", "list");
    assertThat(noToken.code()).isEqualTo(ExitCode.NOT_ALLOWED.code());
    assertThat(noToken.err().strip()).isEqualTo("401 not authenticated: the API needs a token; set KMIGRATE_TOKEN to yours");

    CliRun wrongToken = CliRun.run(as("not-a-token"), "migrations", "list");
    assertThat(wrongToken.err().strip()).isEqualTo("401 not authenticated: the API does not accept the token in KMIGRATE_TOKEN");

    CliRun viewerStarts = CliRun.run(as(VIEWER), "migrations", "start", plan("viewer-move", TOPIC, GROUP).toString());
    assertThat(viewerStarts.code()).isEqualTo(ExitCode.NOT_ALLOWED.code());
    assertThat(viewerStarts.err()).startsWith("403 forbidden: your token's user may not start a migration");

    CliRun unknown = CliRun.run(as(VIEWER), "migrations", "show", "no-such-move");
    assertThat(unknown.code()).isEqualTo(ExitCode.NOT_FOUND.code());
    assertThat(unknown.err().strip()).isEqualTo("404 no migration 'no-such-move'");

    Path bad = Files.writeString(DIR.resolve("bad.yaml"), Files.readString(plan("bad-move", "bad topic!", GROUP))
        .replace("source: source", "source: nowhere"));
    CliRun refused = CliRun.run(as(OPERATOR), "migrations", "start", bad.toString());
    assertThat(refused.code()).isEqualTo(ExitCode.REFUSED.code());
    assertThat(refused.err()).startsWith("400 ").contains("\nsource: ").contains("\ntopics[0]: ");
    assertThat(CliRun.run(as(VIEWER), "migrations", "show", "bad-move").code()).isEqualTo(ExitCode.NOT_FOUND.code());

    CliRun noFile = CliRun.run(as(OPERATOR), "migrations", "start", DIR.resolve("missing.yaml").toString());
    assertThat(noFile.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(noFile.err()).contains("PLAN: no such readable file: ");

    CliRun noMessage = CliRun.run(as(OPERATOR), "abort", "cli-move");
    assertThat(noMessage.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(noMessage.err()).contains("Missing required option: '--message=REASON'");

    CliRun badApi = CliRun.run(Map.of("KMIGRATE_API", "ftp://example"), "migrations", "list");
    assertThat(badApi.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(badApi.err()).contains("--api: 'ftp://example' is not an http(s) URL");

    CliRun nobodyThere = CliRun.run(Map.of(), "migrations", "list", "--api", "http://127.0.0.1:" + Ports.free());
    assertThat(nobodyThere.code()).isEqualTo(ExitCode.UNAVAILABLE.code());
    assertThat(nobodyThere.err()).startsWith("cannot reach the kmigrate API at http://127.0.0.1:");
  }

  @Test
  void aGateThatIsNotOpenIsAConflictAndAnAbortedMigrationWatchedToItsEndExitsNonZero() throws Exception {
    String topic = "cli.aborted";
    runtime().clusters().admin("source").createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    runtime().clusters().admin("source").alterConsumerGroupOffsets("cli-aborted-app",
        Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0))).all().get(30, TimeUnit.SECONDS);
    assertThat(CliRun.run(as(OPERATOR), "migrations", "start", plan("cli-aborted", topic, "cli-aborted-app").toString()).code()).isZero();
    CliRun toGate = CliRun.run(as(VIEWER), "migrations", "watch", "cli-aborted", "--until-gate=producer-cutover", "--interval", "300ms");
    assertThat(toGate.code()).as(toGate.out() + toGate.err()).isZero();

    CliRun notOpen = CliRun.run(as(OPERATOR), "approve", "cli-aborted", "consumer-cutover", "-m", "too early");
    assertThat(notOpen.code()).isEqualTo(ExitCode.CONFLICT.code());
    assertThat(notOpen.err()).startsWith("409 ");

    CliRun aborted = CliRun.run(as(OPERATOR), "abort", "cli-aborted", "-m", "wrong week");
    assertThat(aborted.code()).as(aborted.err()).isZero();
    CliRun toEnd = CliRun.run(as(VIEWER), "migrations", "watch", "cli-aborted", "--interval", "300ms");
    assertThat(toEnd.code()).isEqualTo(ExitCode.NOT_COMPLETED.code());
    assertThat(toEnd.lastLine()).isEqualTo("migration cli-aborted ended: ABORTED");
  }

  @Test
  void aCampaignFileNamingItsPlansIsStartedShownAndSteeredWaveByWave() throws Exception {
    runtime().clusters().admin("source").createTopics(List.of(new NewTopic("cli.camp.a", 1, (short) 1), new NewTopic("cli.camp.b", 1, (short) 1)))
        .all().get(30, TimeUnit.SECONDS);
    Path dir = Files.createDirectories(DIR.resolve("moves"));
    for (String unit : List.of("a", "b")) {
      Files.writeString(dir.resolve("cli-camp-" + unit + ".yaml"), String.join("\n",
          "name: cli-camp-" + unit, "scheme: production-first", "source: source", "target: target", "topics: [cli.camp." + unit + "]",
          "clients: [{name: cli-camp-" + unit + "-producer, role: producer}]",
          "gates: {producer-cutover: {required: false}, consumer-cutover: {required: false}}",
          "waits: {pollInterval: 500ms, stableFor: 1s, maxWait: 10m}", ""));
    }
    Files.writeString(dir.resolve("campaign.yaml"),
        "name: cli-fleet\nonFailure: stop\nwaves:\n  - [cli-camp-a]\n  - [cli-camp-b]\nplans:\n  - cli-camp-a.yaml\n  - cli-camp-b.yaml\n");

    CliRun started = CliRun.run(as(OPERATOR), "campaigns", "start", dir.resolve("campaign.yaml").toString());
    assertThat(started.code()).as(started.err()).isZero();
    assertThat(started.out()).startsWith("started campaign cli-fleet (2 wave(s))");
    awaitCampaign(v -> v.path("progress").path("openWave").asInt() == 1);
    assertThat(CliRun.run(as(VIEWER), "campaigns", "show", "cli-fleet").out()).contains("wave 1 is waiting for approval")
        .containsPattern("1\\s+cli-camp-a\\s+production-first\\s+PENDING");

    CliRun approved = CliRun.run(as(OPERATOR), "campaigns", "approve", "cli-fleet", "1", "-m", "canary");
    assertThat(approved.code()).as(approved.err()).isZero();
    assertThat(approved.out()).startsWith("approved wave 1 of cli-fleet by olga");
    awaitCampaign(v -> v.path("progress").path("openWave").asInt() == 2);
    CliRun notOpen = CliRun.run(as(OPERATOR), "campaigns", "approve", "cli-fleet", "1", "-m", "again");
    assertThat(notOpen.code()).isEqualTo(ExitCode.CONFLICT.code());

    assertThat(CliRun.run(as(OPERATOR), "campaigns", "stop", "cli-fleet", "2", "-m", "enough for today").code()).isZero();
    JsonNode ended = awaitCampaign(v -> v.path("progress").path("status").asText().equals("STOPPED"));
    assertThat(ended.path("progress").path("waves").findValuesAsText("status")).containsExactly("COMPLETED", "NOT_STARTED");
    assertThat(CliRun.run(as(VIEWER), "migrations", "show", "cli-camp-a").out()).contains("COMPLETED");
    assertThat(CliRun.run(as(VIEWER), "campaigns", "list").out()).containsPattern("cli-fleet\\s+STOPPED\\s+2\\s+2\\s+stop\\s+olga\\s+20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ");
  }

  static JsonNode awaitCampaign(java.util.function.Predicate<JsonNode> until) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      CliRun r = CliRun.run(as(VIEWER), "campaigns", "show", "cli-fleet", "-o", "json");
      if (r.code() == 0) {
        last = JSON.readTree(r.out());
        if (until.test(last)) {
          return last;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("campaign not there within 60 s; last: " + last);
  }
}
