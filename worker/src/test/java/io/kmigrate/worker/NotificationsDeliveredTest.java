package io.kmigrate.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.activities.mirror.ConnectEndpoints;
import io.kmigrate.activities.notify.NotificationDestination;
import io.kmigrate.activities.notify.NotificationFormat;
import io.kmigrate.activities.notify.Notifications;
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
import io.kmigrate.config.outbound.OwnPorts;
import io.kmigrate.localstack.LocalStack;
import io.kmigrate.localstack.LocalTraffic;
import io.kmigrate.localstack.Owner;
import io.kmigrate.localstack.SharedStack;
import io.kmigrate.workflows.MigrationControl;
import io.kmigrate.workflows.MigrationReport;
import io.kmigrate.workflows.ProductionFirstMigration;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.gates.GateDecision;
import io.kmigrate.workflows.progress.Progress;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A person is told, not expected to look: a real production-first migration on the real workflows
 * and activities, with two notification destinations served by a local HTTP receiver (one in
 * Slack's format, one in kmigrate's own, signed), which refuses the first delivery of each message
 * with 503. The receiver ends up with word of each gate as it opened and of the end, once each
 * after the retry, and the migration never waited on a delivery.
 */
class NotificationsDeliveredTest {
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String TOPIC = "notify.orders-" + RUN;
  static final String GROUP = "notify-group-" + RUN;
  static final String WORKFLOW_ID = "notify-move-" + RUN;
  static final String SECRET = "notify-secret";
  static final ObjectMapper JSON = new ObjectMapper();

  /** One request the receiver took: its path, signature header and body. */
  record Received(String path, String signature, String key, JsonNode body) {}

  static final Owner owner = new Owner();
  static final List<Received> received = new CopyOnWriteArrayList<>();
  static final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
  static LocalStack stack;
  static WorkflowClient client;

  @BeforeAll
  static void start() throws Exception {
    stack = SharedStack.stack();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", exchange -> {
      String key = exchange.getRequestHeaders().getFirst(WebhookNotifier.IDEMPOTENCY_HEADER);
      byte[] body = exchange.getRequestBody().readAllBytes();
      // Each message's first delivery fails as a receiver that is briefly down would.
      int status = refusedOnce.add(key) ? 503 : 200;
      if (status == 200) {
        received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst(WebhookNotifier.SIGNATURE_HEADER),
            key, JSON.readTree(new String(body, StandardCharsets.UTF_8))));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
    owner.own(() -> receiver.stop(0));
    String base = "http://127.0.0.1:" + receiver.getAddress().getPort();

    Path dir = Files.createTempDirectory("kmigrate-notify");
    Map<String, ClusterConfig> configured = Map.of(
        "source", new ClusterConfig(stack.source().bootstrapServers(), Map.of()),
        "target", new ClusterConfig(stack.target().bootstrapServers(), Map.of()));
    Clusters clusters = owner.own(new Clusters(configured, SecretResolver.fromEnvironment()));
    Database database = owner.own(Database.open(Database.h2FileUrl(dir.resolve("store")), "sa", "", true));
    ConnectEndpoints connect = owner.own(ConnectEndpoints.embedded(clusters));
    OutboundPolicy policy = OutboundPolicy.of("webhooks", List.of(base + "/"), List.of("127.0.0.1/32"), new OwnPorts());
    WebhookNotifier webhooks = new WebhookNotifier(SECRET, Duration.ofSeconds(5), policy);
    Notifications notifications = new Notifications(List.of(
        new NotificationDestination(base + "/slack", NotificationFormat.SLACK),
        new NotificationDestination(base + "/kmigrate", NotificationFormat.KMIGRATE)), "https://kmigrate.example");

    TestWorkflowEnvironment env = owner.own(TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build()));
    client = env.getWorkflowClient();
    owner.own(KmigrateWorker.start(client, new Activities(clusters, database, webhooks, connect, false, notifications)));
    LocalTraffic.createTopic(clusters.admin("source"), TOPIC, 2, Map.of());
  }

  @AfterAll
  static void stop() {
    owner.close();
  }

  static MigrationPlan plan() {
    GateConfig required = new GateConfig(true, null, null);
    return new MigrationPlan(
        WORKFLOW_ID, Scheme.PRODUCTION_FIRST, "source", "target", List.of(TOPIC), null, List.of(GROUP),
        List.of(
            new ClientGroup("notify-producer", ClientRole.PRODUCER, RepointStrategy.ROUTING, null),
            new ClientGroup("notify-consumer", ClientRole.CONSUMER, RepointStrategy.ROUTING, GROUP)),
        new Gates(required, required, required),
        new Waits(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofSeconds(2)));
  }

  @Test
  @Timeout(120)
  void eachGateAndTheEndReachEveryDestinationOnceAfterARefusedFirstDelivery() throws Exception {
    LocalTraffic.produce(stack.source().bootstrapServers(), TOPIC, 20);
    assertThat(LocalTraffic.consume(stack.source().bootstrapServers(), TOPIC, GROUP, 20)).isEqualTo(20);
    ProductionFirstMigration workflow = client.newWorkflowStub(ProductionFirstMigration.class,
        WorkflowOptions.newBuilder().setWorkflowId(WORKFLOW_ID).setTaskQueue(MigrationControl.TASK_QUEUE).build());
    WorkflowClient.start(workflow::run, plan());

    awaitDelivered("/kmigrate", "gate-opened", "producer-cutover");
    workflow.approve(new GateDecision("producer-cutover", "alice", "go", null, null));
    LocalTraffic.produce(stack.target().bootstrapServers(), TOPIC, 10);
    awaitDelivered("/kmigrate", "gate-opened", "consumer-cutover");
    workflow.approve(new GateDecision("consumer-cutover", "bob", "go", null, null));
    AtomicBoolean consuming = new AtomicBoolean(true);
    Thread member = LocalTraffic.committingMember(stack.target().bootstrapServers(), TOPIC, GROUP, consuming);
    owner.own(() -> {
      consuming.set(false);
      member.join(10_000);
    });

    MigrationReport report = WorkflowStub.fromTyped(workflow).getResult(90, TimeUnit.SECONDS, MigrationReport.class);
    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);

    List<Received> kmigrate = received.stream().filter(r -> r.path().equals("/kmigrate")).toList();
    assertThat(kmigrate).extracting(r -> r.body().path("event").asText(), r -> r.body().path("gate").asText(null))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("gate-opened", "producer-cutover"),
            org.assertj.core.groups.Tuple.tuple("gate-opened", "consumer-cutover"),
            org.assertj.core.groups.Tuple.tuple("migration-ended", null));
    assertThat(kmigrate).allSatisfy(r -> {
      assertThat(r.signature()).as("signed as repoint webhooks are").startsWith("sha256=");
      assertThat(r.body().path("console").asText()).isEqualTo("https://kmigrate.example/console/#" + WORKFLOW_ID);
    });
    assertThat(kmigrate.get(0).body().path("approveMeans").asText()).isNotBlank();
    assertThat(kmigrate.get(2).body().path("outcome").asText()).isEqualTo("completed");

    List<Received> slack = received.stream().filter(r -> r.path().equals("/slack")).toList();
    assertThat(slack).hasSize(3);
    assertThat(slack.get(0).body().path("text").asText())
        .startsWith("*kmigrate* " + WORKFLOW_ID + " waits at gate producer-cutover: ")
        .contains("• approve: ").contains("<https://kmigrate.example/console/#" + WORKFLOW_ID + "|open in the console>");
    assertThat(slack.get(2).body().path("text").asText()).contains(WORKFLOW_ID + " completed after");
    assertThat(refusedOnce).as("every message refused once, then delivered").hasSize(6);
    Progress end = workflow.progress();
    assertThat(end.steps()).extracting(s -> s.status()).containsOnly("done");
  }

  private static void awaitDelivered(String path, String event, String gate) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (received.stream().anyMatch(r -> r.path().equals(path) && r.body().path("event").asText().equals(event)
          && gate.equals(r.body().path("gate").asText()))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + event + " " + gate + " delivered to " + path + "; received: " + received);
  }
}
