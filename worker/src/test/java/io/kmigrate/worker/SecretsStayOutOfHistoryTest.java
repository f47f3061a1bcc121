package io.kmigrate.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.activities.mirror.ConnectEndpoints;
import io.kmigrate.activities.repoint.WebhookNotifier;
import io.kmigrate.activities.store.Database;
import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.ClusterConfig;
import io.kmigrate.config.GateConfig;
import io.kmigrate.config.Gates;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.RepointStrategy;
import io.kmigrate.config.Scheme;
import io.kmigrate.config.Waits;
import io.kmigrate.config.outbound.OutboundPolicy;
import io.kmigrate.localstack.LocalStack;
import io.kmigrate.localstack.LocalTraffic;
import io.kmigrate.localstack.Owner;
import io.kmigrate.localstack.SharedStack;
import io.kmigrate.workflows.MigrationControl;
import io.kmigrate.workflows.MigrationReport;
import io.kmigrate.workflows.MigrationWorkflowBase;
import io.kmigrate.workflows.ProductionFirstMigration;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.progress.Progress;
import io.kmigrate.workflows.progress.StepRecord;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionSignaledEventAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cluster credentials stay out of Temporal history: the worker's clusters carry SASL/TLS
 * properties that reference a secret (a file for the source, an environment variable for the
 * target; the webhook signing secret is the same value), a real production-first migration runs
 * to COMPLETED on the real workflows and activities, and the whole history (every event, every
 * payload decoded), the result and the progress query hold the secret 0 times. The controls make
 * the scan non-vacuous: the activities' clusters do resolve the secret, and the same scan finds
 * it once it is planted in a payload.
 */
class SecretsStayOutOfHistoryTest {
  static final String SECRET = "s3cr3t-" + UUID.randomUUID();
  static final String SECRET_ENV = "KMIGRATE_TEST_CLUSTER_SECRET";
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String TOPIC = "secrets.orders-" + RUN;
  static final String GROUP = "secrets-group-" + RUN;
  static final String WORKFLOW_ID = "secrets-move-" + RUN;
  static final ObjectMapper JSON = new ObjectMapper();

  static final Owner owner = new Owner();
  static LocalStack stack;
  static Clusters clusters;
  static Map<String, ClusterConfig> configured;
  static TestWorkflowEnvironment env;
  static WorkflowClient client;

  @BeforeAll
  static void start() throws Exception {
    stack = SharedStack.stack();
    Path dir = Files.createTempDirectory("kmigrate-secrets");
    Path secretFile = Files.writeString(dir.resolve("cluster-password"), SECRET + "\n");
    owner.own(() -> deleteTree(dir));

    String fromFile = "${file:" + secretFile.toAbsolutePath() + "}";
    String fromEnv = "${env:" + SECRET_ENV + "}";
    configured = Map.of(
        "source", new ClusterConfig(stack.source().bootstrapServers(), credentials(fromFile)),
        "target", new ClusterConfig(stack.target().bootstrapServers(), credentials(fromEnv)));
    // The environment as the worker would see it, with the target's secret set.
    SecretResolver secrets = new SecretResolver(name -> SECRET_ENV.equals(name) ? SECRET : System.getenv(name));
    clusters = owner.own(new Clusters(configured, secrets));
    Database database = owner.own(Database.open(Database.h2FileUrl(dir.resolve("store")), "sa", "", true));
    ConnectEndpoints connect = owner.own(ConnectEndpoints.embedded(clusters));
    WebhookNotifier webhooks = new WebhookNotifier(SECRET, Duration.ofSeconds(5), OutboundPolicy.none("webhooks"));

    env = owner.own(TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build()));
    client = env.getWorkflowClient();
    // The worker's own registration: every workflow, every real activity, on task queue kmigrate.
    owner.own(KmigrateWorker.start(client, new Activities(clusters, database, webhooks, connect)));
  }

  @AfterAll
  static void stop() {
    owner.close();
  }

  /**
   * Client properties a PLAINTEXT client accepts and leaves unused (security.protocol stays
   * PLAINTEXT), every credential a reference to the secret, never the secret itself.
   */
  static Map<String, String> credentials(String ref) {
    return Map.of(
        "ssl.truststore.password", ref,
        "ssl.keystore.password", ref,
        "ssl.key.password", ref,
        "sasl.mechanism", "PLAIN",
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"kmigrate\" password=\"" + ref + "\";");
  }

  static MigrationPlan plan() {
    GateConfig off = new GateConfig(false, null, null);
    return new MigrationPlan(
        WORKFLOW_ID, Scheme.PRODUCTION_FIRST, "source", "target", List.of(TOPIC), null, List.of(GROUP),
        List.of(
            new ClientGroup("secrets-producer", ClientRole.PRODUCER, RepointStrategy.ROUTING, null),
            new ClientGroup("secrets-consumer", ClientRole.CONSUMER, RepointStrategy.ROUTING, GROUP)),
        new Gates(off, off, off),
        new Waits(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofSeconds(2)));
  }

  @Test
  @Timeout(90)
  void aMigrationWithCredentialedClustersLeavesTheSecretOutOfHistoryResultAndProgress() throws Exception {
    // Control: the configuration holds references only, and what the activities resolve holds the secret.
    assertThat(JSON.writeValueAsString(configured)).doesNotContain(SECRET);
    for (String cluster : List.of("source", "target")) {
      Properties resolved = clusters.clientProperties(cluster);
      assertThat(resolved.getProperty("ssl.truststore.password")).as(cluster).isEqualTo(SECRET);
      assertThat(resolved.getProperty("sasl.jaas.config")).as(cluster).contains("password=\"" + SECRET + "\"");
    }

    // The application before the move: records on the source, all consumed by the group.
    LocalTraffic.createTopic(clusters.admin("source"), TOPIC, 2, Map.of());
    LocalTraffic.produce(stack.source().bootstrapServers(), TOPIC, 20);
    assertThat(LocalTraffic.consume(stack.source().bootstrapServers(), TOPIC, GROUP, 20)).isEqualTo(20);

    ProductionFirstMigration workflow = client.newWorkflowStub(ProductionFirstMigration.class,
        WorkflowOptions.newBuilder().setWorkflowId(WORKFLOW_ID).setTaskQueue(MigrationControl.TASK_QUEUE).build());
    WorkflowClient.start(workflow::run, plan());
    WorkflowStub stub = WorkflowStub.fromTyped(workflow);

    // The producer follows its route to the target; then the consumers restart there.
    awaitStepDone(workflow, "repoint-producers");
    LocalTraffic.produce(stack.target().bootstrapServers(), TOPIC, 10);
    awaitStepDone(workflow, "repoint-consumers");
    AtomicBoolean consuming = new AtomicBoolean(true);
    Thread member = LocalTraffic.committingMember(stack.target().bootstrapServers(), TOPIC, GROUP, consuming);
    owner.own(() -> {
      consuming.set(false);
      member.join(10_000);
    });

    MigrationReport report = stub.getResult(60, TimeUnit.SECONDS, MigrationReport.class);
    Progress progress = workflow.progress();
    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.steps()).extracting(StepRecord::name).contains(
        "preflight", "prepare-target", "repoint-producers", "verify-producers", "drain-source", "repoint-consumers", "verify-consumers");
    assertThat(report.steps()).extracting(StepRecord::status).containsOnly("done");
    consuming.set(false);

    WorkflowExecutionHistory history = client.fetchHistory(WORKFLOW_ID);
    DataConverter converter = client.getOptions().getDataConverter();

    assertThat(occurrences(history, SECRET)).as("the secret in the workflow history: %s", where(history, SECRET)).isZero();
    assertThat(count(payloadText(converter, report), SECRET)).as("the secret in the workflow result").isZero();
    assertThat(count(payloadText(converter, progress), SECRET)).as("the secret in the progress query").isZero();

    // Control: the scan reads the payloads (the plan's topic and group travel only in them) ...
    assertThat(occurrences(history, TOPIC)).as("the topic, found in the decoded payloads").isPositive();
    assertThat(occurrences(history, GROUP)).as("the group, found in the decoded payloads").isPositive();
    // ... and finds the secret the moment one payload carries it.
    WorkflowExecutionHistory planted = plant(history, converter, Map.of("sasl.jaas.config", "password=\"" + SECRET + "\""));
    assertThat(occurrences(planted, SECRET)).as("the secret planted in one signal's payload").isPositive();
    assertThat(where(planted, SECRET)).singleElement().asString().contains("WORKFLOW_EXECUTION_SIGNALED");
  }

  /** Polls the progress query until step {@code name} is done. */
  static void awaitStepDone(MigrationControl workflow, String name) throws InterruptedException {
    Predicate<Progress> done = p -> p.steps().stream().anyMatch(s -> s.name().equals(name) && "done".equals(s.status()));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Object last = null;
    while (System.nanoTime() < deadline) {
      try {
        Progress p = workflow.progress();
        last = p.steps();
        if (done.test(p)) {
          return;
        }
        if (!MigrationStatus.RUNNING.equals(p.status())) {
          throw new AssertionError("the migration ended " + p.status() + " (" + p.failure() + ") before step " + name);
        }
      } catch (RuntimeException e) {
        last = e; // e.g. a query before the first workflow task ran
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for step " + name + " to be done; last seen: " + last);
  }

  /**
   * Occurrences of {@code needle} in every form of the history: the protobuf bytes (payload data
   * verbatim), the text format, the exported JSON, and that JSON with every payload's base64
   * {@code data} decoded (the export alone shows payloads base64-encoded, so it would miss them).
   */
  static int occurrences(WorkflowExecutionHistory history, String needle) throws Exception {
    History proto = history.getHistory();
    String json = history.toJson(true);
    return count(new String(proto.toByteArray(), StandardCharsets.ISO_8859_1), needle)
        + count(proto.toString(), needle)
        + count(json, needle)
        + count(decodedPayloads(JSON.readTree(json)), needle);
  }

  /** Each event whose content (payloads included) holds {@code needle}: id, type and the first spot. */
  static List<String> where(WorkflowExecutionHistory history, String needle) {
    List<String> hits = new ArrayList<>();
    for (HistoryEvent e : history.getEvents()) {
      String raw = new String(e.toByteArray(), StandardCharsets.ISO_8859_1);
      int at = raw.indexOf(needle);
      if (at >= 0) {
        hits.add("event " + e.getEventId() + " " + e.getEventType() + ": ..."
            + raw.substring(Math.max(0, at - 120), at).replaceAll("[^\\x20-\\x7e]", ".") + "<SECRET>...");
      }
    }
    return hits;
  }

  /** The text of every payload {@code data} field under {@code node}, base64-decoded. */
  static String decodedPayloads(JsonNode node) {
    StringBuilder out = new StringBuilder();
    decode(node, out);
    return out.toString();
  }

  private static void decode(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getKey().equals("data") && f.getValue().isTextual()) {
          try {
            out.append(new String(Base64.getDecoder().decode(f.getValue().asText()), StandardCharsets.UTF_8)).append('\n');
          } catch (IllegalArgumentException notBase64) {
            out.append(f.getValue().asText()).append('\n');
          }
        } else {
          decode(f.getValue(), out);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> decode(n, out));
    }
  }

  /** A copy of {@code history} with one more event: a signal whose input payload is {@code input}. */
  static WorkflowExecutionHistory plant(WorkflowExecutionHistory history, DataConverter converter, Object input) {
    long next = history.getEvents().get(history.getEvents().size() - 1).getEventId() + 1;
    HistoryEvent signal = HistoryEvent.newBuilder()
        .setEventId(next)
        .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .setWorkflowExecutionSignaledEventAttributes(WorkflowExecutionSignaledEventAttributes.newBuilder()
            .setSignalName(MigrationControl.APPROVE_SIGNAL)
            .setInput(Payloads.newBuilder().addPayloads(converter.toPayload(input).orElseThrow())))
        .build();
    return new WorkflowExecutionHistory(history.getHistory().toBuilder().addEvents(signal).build(), WORKFLOW_ID);
  }

  /** What the client receives for {@code value}: its payload as the data converter encodes it. */
  static String payloadText(DataConverter converter, Object value) {
    return converter.toPayload(value).orElseThrow().getData().toStringUtf8();
  }

  static int count(String haystack, String needle) {
    int n = 0;
    for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length())) {
      n++;
    }
    return n;
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
