package io.kmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.kmigrate.activities.store.RouteStore;
import io.kmigrate.worker.KmigrateRuntime;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.SearchAttributeKey;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The REST API on the embedded default (in-memory Temporal, two local KRaft clusters, H2), one
 * application for the class: bad input is refused with JSON naming the problem, and nothing starts.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MigrationsResourceTest {
  static final DropwizardAppExtension<KmigrateConfiguration> APP = EmbeddedApp.extension();

  static String tempDir() {
    try {
      return Files.createTempDirectory("kmigrate-api-test").toString();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static final String TOPIC = "api.orders";
  static final String GROUP = "api-group";

  @BeforeAll
  static void sourceHasATopicAndAGroup() throws Exception {
    createTopicAndGroup(APP);
  }

  /** The topic and consumer group that {@link #plan} names, on the app's local source cluster. */
  static void createTopicAndGroup(DropwizardAppExtension<KmigrateConfiguration> app) throws Exception {
    KmigrateRuntime rt = ((KmigrateApplication) app.getApplication()).runtime();
    Admin source = rt.clusters().admin("source");
    source.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
    source.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(0))).all().get(30, TimeUnit.SECONDS);
  }

  static String url(String path) {
    return "http://127.0.0.1:" + APP.getLocalPort() + path;
  }

  static Response post(String path, String body, String type) {
    return APP.client().target(url(path)).request().post(Entity.entity(body, type));
  }

  /** Reads the status and releases the connection (the test client's pool is small). */
  static int statusOf(Response r) {
    try (r) {
      return r.getStatus();
    }
  }

  static String plan(String name, String topic) {
    return String.join("\n",
        "name: " + name,
        "scheme: production-first",
        "source: source",
        "target: target",
        "topics: [" + topic + "]",
        "consumerGroups: [" + GROUP + "]",
        "clients:",
        "  - {name: app-producer, role: producer}",
        "  - {name: app-consumer, role: consumer, consumerGroup: " + GROUP + "}",
        "waits: {pollInterval: 500ms, stableFor: 1s, maxWait: 10m}",
        "");
  }

  @Test
  void anInvalidPlanIsRefusedWith400NamingEachFieldAndNothingStarts() {
    String bad = plan("bad-plan", "bad topic!").replace("source: source", "source: nowhere").replace("role: producer", "role: writer");
    Response r = post("/api/v1/migrations", bad, "application/yaml");
    JsonNode body = r.readEntity(JsonNode.class);

    assertThat(r.getStatus()).isEqualTo(400);
    assertThat(body.path("problems").findValuesAsText("field")).contains("clients[0].role", "source", "topics[0]");
    assertThat(body.path("problems").findValuesAsText("message")).contains("'writer' is not a role: use producer or consumer");
    assertThat(statusOf(APP.client().target(url("/api/v1/migrations/bad-plan")).request().get())).isEqualTo(404);
  }

  @Test
  void anUnknownStrategyAndANonHttpWebhookAre400NamingTheirFields() {
    String bad = plan("bad-strategies", TOPIC)
        .replace("{name: app-producer, role: producer}", "{name: app-producer, role: producer, strategy: webhook, webhook: {url: 'file:///etc/passwd'}}")
        .replace("{name: app-consumer, role: consumer,", "{name: app-consumer, role: consumer, strategy: telepathy,");
    Response r = post("/api/v1/migrations", bad, "application/yaml");
    JsonNode body = r.readEntity(JsonNode.class);

    assertThat(r.getStatus()).isEqualTo(400);
    assertThat(body.path("problems").findValuesAsText("field")).contains("clients[0].webhook.url", "clients[1].strategy");
  }

  @Test
  void aJsonPlanIsAcceptedLikeAYamlOne() {
    String json = "{\"name\":\"json-plan\",\"scheme\":\"production-first\",\"source\":\"source\",\"target\":\"target\","
        + "\"topics\":[\"" + TOPIC + "\"],\"consumerGroups\":[\"" + GROUP + "\"],"
        + "\"clients\":[{\"name\":\"p\",\"role\":\"producer\"}],\"gates\":{\"producer-cutover\":{\"required\":true}}}";
    Response r = post("/api/v1/migrations", json, MediaType.APPLICATION_JSON);

    assertThat(r.getHeaderString("Location")).endsWith("/api/v1/migrations/json-plan");
    assertThat(statusOf(r)).isEqualTo(201);
  }

  @Test
  void anUnknownMigrationIs404() {
    Response r = APP.client().target(url("/api/v1/migrations/no-such-migration")).request().get();

    assertThat(r.getStatus()).isEqualTo(404);
    assertThat(r.readEntity(JsonNode.class).path("message").asText()).contains("no-such-migration");
  }

  @Test
  void aSecondStartOfTheSamePlanIs409AndGatesAreDecidedOnlyWhenOpen() throws Exception {
    String plan = plan("orders-move", TOPIC);
    assertThat(statusOf(post("/api/v1/migrations", plan, "application/yaml"))).isEqualTo(201);

    Response again = post("/api/v1/migrations", plan, "application/yaml");
    assertThat(again.getStatus()).isEqualTo(409);
    assertThat(again.readEntity(JsonNode.class).path("message").asText()).contains("already started");

    JsonNode view = awaitOpenGate("orders-move", "producer-cutover");
    assertThat(view.path("progress").path("steps").findValuesAsText("name")).contains("preflight", "prepare-target");

    Response notOpen = post("/api/v1/migrations/orders-move/gates/consumer-cutover/approve", "{\"by\":\"alice\"}", MediaType.APPLICATION_JSON);
    assertThat(notOpen.getStatus()).isEqualTo(409);
    assertThat(notOpen.readEntity(JsonNode.class).path("message").asText()).contains("is not open", "producer-cutover");

    Response unknownGate = post("/api/v1/migrations/orders-move/gates/no-such-gate/approve", "{\"by\":\"alice\"}", MediaType.APPLICATION_JSON);
    assertThat(statusOf(unknownGate)).isEqualTo(404);

    Response nobody = post("/api/v1/migrations/orders-move/gates/producer-cutover/approve", "{}", MediaType.APPLICATION_JSON);
    assertThat(nobody.getStatus()).isEqualTo(400);
    assertThat(nobody.readEntity(JsonNode.class).path("message").asText()).startsWith("by:");

    Response abort = post("/api/v1/migrations/orders-move/abort", "{\"by\":\"alice\",\"reason\":\"test over\"}", MediaType.APPLICATION_JSON);
    assertThat(statusOf(abort)).isEqualTo(200);

    JsonNode ended = awaitStatus("orders-move", "FAILED");
    assertThat(ended.path("progress").path("status").asText()).isEqualTo("ABORTED");
    assertThat(ended.path("audit").findValuesAsText("action")).contains("aborted");
    assertThat(ended.path("audit").findValuesAsText("by")).contains("alice");
  }

  @Test
  void aStartAnApprovalAndAnAbortAreAuditedInOrderWithWhoWhenWhatAndTheSourceAddress() throws Exception {
    // Own client names: the route store is shared with the other tests' migrations.
    String plan = plan("audited-move", TOPIC).replace("app-producer", "audit-producer").replace("app-consumer", "audit-consumer");
    Response start = post("/api/v1/migrations", plan, "application/yaml");
    assertThat(start.getStatus()).isEqualTo(201);
    String runId = start.readEntity(JsonNode.class).path("runId").asText();
    awaitOpenGate("audited-move", "producer-cutover");
    assertThat(statusOf(post("/api/v1/migrations/audited-move/gates/producer-cutover/approve",
        "{\"by\":\"alice\",\"comment\":\"go\"}", MediaType.APPLICATION_JSON))).isEqualTo(200);
    awaitOpenGate("audited-move", "consumer-cutover");
    assertThat(statusOf(post("/api/v1/migrations/audited-move/abort",
        "{\"by\":\"carol\",\"reason\":\"audit test over\"}", MediaType.APPLICATION_JSON))).isEqualTo(200);
    awaitStatus("audited-move", "FAILED");

    JsonNode audit = APP.client().target(url("/api/v1/migrations/audited-move/audit")).request().get(JsonNode.class);

    for (JsonNode e : audit) {
      assertThat(java.time.Instant.parse(e.path("at").asText())).isBefore(java.time.Instant.now().plusSeconds(1));
      assertThat(e.path("migrationId").asText()).isEqualTo("audited-move");
    }
    assertThat(peoplesEntries(audit)).as("the people's entries, oldest first").containsExactly(
        "started|api||scheme production-first, run " + runId + "|127.0.0.1",
        "approved|alice|producer-cutover|go|127.0.0.1",
        "aborted|carol|consumer-cutover|audit test over|127.0.0.1",
        "aborted|carol||audit test over|127.0.0.1");
    List<String> at = audit.findValuesAsText("at");
    assertThat(at).isSortedAccordingTo(java.util.Comparator.comparing(java.time.Instant::parse));
  }

  @Test
  void withNoUsersOnTheEmbeddedDefaultTheApiIsOpenButStillRefusesATokenInTheQueryString() {
    assertThat(statusOf(APP.client().target(url("/api/v1/migrations")).request().get())).isEqualTo(200);

    Response r = APP.client().target(url("/api/v1/migrations")).queryParam("access_token", "abc").request().get();
    assertThat(r.getStatus()).isEqualTo(400);
    assertThat(r.readEntity(JsonNode.class).path("message").asText()).contains("Authorization header");
  }

  /** The audit entries people made (kmigrate's own left out), each as action|by|gate|comment|source. */
  static List<String> peoplesEntries(JsonNode audit) {
    List<String> lines = new java.util.ArrayList<>();
    for (JsonNode e : audit) {
      if (!"kmigrate".equals(e.path("by").asText())) {
        lines.add(String.join("|", e.path("action").asText(), e.path("by").asText(), e.path("gate").asText(""),
            e.path("comment").asText(""), e.path("source").asText()));
      }
    }
    return lines;
  }

  @Test
  void theAuditOfAnUnknownMigrationIs404WithAJsonMessage() {
    Response r = APP.client().target(url("/api/v1/migrations/no-such-migration/audit")).request().get();

    assertThat(r.getStatus()).isEqualTo(404);
    assertThat(r.readEntity(JsonNode.class).path("message").asText()).contains("no-such-migration");
  }

  @Test
  void routesAreServedFromTheStoreAndAnUnknownClientIs404() {
    KmigrateRuntime rt = ((KmigrateApplication) APP.getApplication()).runtime();
    new RouteStore(rt.database()).point("billing", "source", "127.0.0.1:1");

    JsonNode route = APP.client().target(url("/api/v1/routes/billing")).request().get(JsonNode.class);
    assertThat(route.path("cluster").asText()).isEqualTo("source");
    assertThat(route.path("version").asLong()).isEqualTo(1);
    assertThat(statusOf(APP.client().target(url("/api/v1/routes/nobody")).request().get())).isEqualTo(404);
  }

  @Test
  void aRouteLongPollIsAnsweredAsSoonAsTheRouteMovesAnd304WhenItDoesNot() throws Exception {
    KmigrateRuntime rt = ((KmigrateApplication) APP.getApplication()).runtime();
    RouteStore routes = new RouteStore(rt.database());
    long v1 = routes.point("orders-api", "source", "127.0.0.1:1").version();

    long t0 = System.nanoTime();
    Response unchanged = APP.client().target(url("/api/v1/routes/orders-api?after=" + v1 + "&wait=1s")).request().get();
    assertThat(statusOf(unchanged)).isEqualTo(304);
    assertThat((System.nanoTime() - t0) / 1e9).as("held for its wait").isBetween(0.9, 5.0);

    assertThat(statusOf(APP.client().target(url("/api/v1/routes/orders-api?after=" + (v1 - 1) + "&wait=30s")).request().get()))
        .as("a version the caller does not hold: answered at once").isEqualTo(200);

    var waiting = APP.client().target(url("/api/v1/routes/orders-api?after=" + v1 + "&wait=30s")).request().async().get(JsonNode.class);
    Thread.sleep(500);
    assertThat(waiting.isDone()).as("still waiting while the route stays").isFalse();
    long moved = System.nanoTime();
    routes.point("orders-api", "target", "127.0.0.1:2");
    JsonNode route = waiting.get(10, TimeUnit.SECONDS);
    assertThat(route.path("cluster").asText()).isEqualTo("target");
    assertThat(route.path("version").asLong()).isEqualTo(v1 + 1);
    assertThat((System.nanoTime() - moved) / 1e6).as("answered within a second of the move").isLessThan(1000);

    // A client with no route yet waits from version 0 and gets its first route.
    var first = APP.client().target(url("/api/v1/routes/new-app?after=0&wait=30s")).request().async().get(JsonNode.class);
    Thread.sleep(300);
    routes.point("new-app", "source", "127.0.0.1:1");
    assertThat(first.get(10, TimeUnit.SECONDS).path("version").asLong()).isEqualTo(1);
  }

  @Test
  void aBadLongPollIs400NamingTheField() {
    for (String query : List.of("after=-1", "after=x", "after=1&wait=2m", "after=1&wait=soon", "wait=30s")) {
      Response r = APP.client().target(url("/api/v1/routes/orders-api?" + query)).request().get();
      assertThat(r.getStatus()).as(query).isEqualTo(400);
      assertThat(r.readEntity(JsonNode.class).path("message").asText()).as(query).startsWith(query.contains("wait=2m")
          || query.contains("soon") || query.startsWith("wait") ? "wait:" : "after:");
    }
  }

  @Test
  void healthChecksCoverTemporalTheDatabaseAndEveryCluster() {
    JsonNode health = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck").request().get(JsonNode.class);

    assertThat(health.path("temporal").path("healthy").asBoolean()).isTrue();
    assertThat(health.path("database").path("healthy").asBoolean()).isTrue();
    assertThat(health.path("kafka-source").path("healthy").asBoolean()).isTrue();
    assertThat(health.path("kafka-target").path("healthy").asBoolean()).isTrue();
  }

  @Test
  void theAdminPortServesPrometheusMetricsOfTheSdkAndOfARunningMigration() throws Exception {
    // 5 records the group never consumes: the drain stops at a gate with lag 5, approved.
    KmigrateRuntime rt = ((KmigrateApplication) APP.getApplication()).runtime();
    rt.clusters().admin("source").createTopics(List.of(new NewTopic("metrics.orders", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        rt.clusters().clientProperties("source"), new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>("metrics.orders", "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
      }
    }
    rt.clusters().admin("source").alterConsumerGroupOffsets("metrics-group",
        Map.of(new TopicPartition("metrics.orders", 0), new OffsetAndMetadata(0))).all().get(30, TimeUnit.SECONDS);
    String plan = plan("metrics-move", "metrics.orders")
        .replace(GROUP, "metrics-group").replace("app-producer", "metrics-producer").replace("app-consumer", "metrics-consumer")
        .replace("stableFor: 1s,", "stableFor: 1s, stallAfter: 2s,");
    assertThat(statusOf(post("/api/v1/migrations", plan, "application/yaml"))).isEqualTo(201);
    for (String gate : List.of("producer-cutover", "drain-stalled", "consumer-cutover")) {
      awaitOpenGate("metrics-move", gate);
      assertThat(statusOf(post("/api/v1/migrations/metrics-move/gates/" + gate + "/approve", "{\"by\":\"alice\"}",
          MediaType.APPLICATION_JSON))).isEqualTo(200);
    }
    awaitView("metrics-move", v -> "verify-consumers".equals(v.path("progress").path("phase").asText()), "phase verify-consumers");

    // Each wait reports the lag it reads, tagged with its activity: the drain's is the source's.
    Map<String, String> lagOnSource = Map.of("group", "metrics-group", "cluster", "source", "activity_type", "AwaitDrained");
    Map<String, String> inVerify = Map.of("phase", "verify-consumers");
    PrometheusText metrics = PrometheusText.await("http://127.0.0.1:" + APP.getAdminPort() + "/metrics",
        m -> m.value("kmigrate_consumer_lag", lagOnSource).isPresent()
        && m.value("kmigrate_migrations", inVerify).isPresent()
        && m.value("kmigrate_repoint_duration_seconds_count", Map.of("kind", "consumers")).isPresent());

    assertThat(metrics.value("kmigrate_consumer_lag", lagOnSource)).contains(5.0);
    assertThat(metrics.value("kmigrate_migrations", inVerify)).hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(1.0));
    for (String gate : List.of("producer-cutover", "drain-stalled", "consumer-cutover")) {
      Map<String, String> approved = Map.of("gate", gate, "decision", "approved", "workflow_type", "ProductionFirstMigration");
      assertThat(metrics.value("kmigrate_gate_wait_seconds_count", approved)).as(gate).hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(1.0));
      assertThat(metrics.value("kmigrate_gate_wait_seconds_sum", approved)).as(gate).hasValueSatisfying(s -> assertThat(s).isPositive());
      assertThat(metrics.find("kmigrate_gate_wait_seconds_bucket", approved)).as("histogram buckets of " + gate).isNotEmpty();
    }
    for (String kind : List.of("producers", "consumers")) {
      assertThat(metrics.value("kmigrate_repoint_duration_seconds_count", Map.of("kind", kind, "strategy", "routing")))
          .as(kind).hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(1.0));
    }
    // The SDK's own, client and worker side.
    assertThat(metrics.find("temporal_request_total", Map.of("operation", "StartWorkflowExecution"))).isNotEmpty();
    assertThat(metrics.hasPrefix("temporal_workflow_task_execution_latency_seconds")).isTrue();
    assertThat(metrics.find("temporal_activity_execution_latency_seconds_count", Map.of("activity_type", "AwaitDrained"))).isNotEmpty();

    assertThat(statusOf(post("/api/v1/migrations/metrics-move/abort", "{\"by\":\"alice\",\"reason\":\"metrics test over\"}",
        MediaType.APPLICATION_JSON))).isEqualTo(200);
  }

  @Test
  void theMetricsEndpointAnswersInPrometheusTextFormat() {
    Response r = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/metrics").request().get();
    String body = r.readEntity(String.class);

    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getHeaderString("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
    assertThat(body).contains("# TYPE jvm_memory_used_bytes gauge");
    assertThat(PrometheusText.parse(body).hasPrefix("temporal_")).isTrue();
  }

  static JsonNode awaitStatus(String id, String status) throws InterruptedException {
    return awaitView(id, v -> status.equals(v.path("workflowStatus").asText()), "status " + status);
  }

  @Test
  void inTemporalAMigrationStartedThroughTheApiShowsItsSummaryAndTheApiFindsItByGatePhaseAndClusters() throws Exception {
    assertThat(statusOf(post("/api/v1/migrations", plan("ui-move", TOPIC), "application/yaml"))).isEqualTo(201);
    awaitOpenGate("ui-move", "producer-cutover");

    // As the Temporal UI and `temporal workflow describe` read it.
    WorkflowExecutionDescription described = ((KmigrateApplication) APP.getApplication()).runtime().temporal().client()
        .newUntypedWorkflowStub("ui-move").describe();
    assertThat(described.getStaticSummary()).isEqualTo("production-first: 1 topic(s) from source to target");
    assertThat(described.getStaticDetails()).contains("`" + TOPIC + "`").contains("Started through kmigrate's API by api from 127.0.0.1");
    assertThat(described.getTypedSearchAttributes().get(SearchAttributeKey.forKeyword("KmigrateGate"))).isEqualTo("producer-cutover");
    assertThat(described.getTypedSearchAttributes().get(SearchAttributeKey.forKeyword("KmigratePhase"))).isEqualTo("gate:producer-cutover");

    assertThat(ids("?gate=producer-cutover")).contains("ui-move");
    assertThat(ids("?gate=producer-cutover&phase=gate:producer-cutover&source=source&target=target")).contains("ui-move");
    assertThat(ids("?gate=consumer-cutover")).doesNotContain("ui-move");
    assertThat(ids("?source=target")).doesNotContain("ui-move");
    Response bad = APP.client().target(url("/api/v1/migrations")).queryParam("phase", "x' OR 1=1").request().get();
    assertThat(bad.getStatus()).isEqualTo(400);
    assertThat(bad.readEntity(JsonNode.class).path("problems").findValuesAsText("field")).containsExactly("phase");

    assertThat(statusOf(post("/api/v1/migrations/ui-move/abort", "{\"by\":\"alice\",\"reason\":\"test over\"}", MediaType.APPLICATION_JSON)))
        .isEqualTo(200);
  }

  private static List<String> ids(String query) {
    return APP.client().target(url("/api/v1/migrations" + query)).request().get(JsonNode.class).findValuesAsText("id");
  }

  static JsonNode awaitOpenGate(String id, String gate) throws InterruptedException {
    return awaitView(id, v -> gate.equals(v.path("progress").path("openGate").path("name").asText()), "open gate " + gate);
  }

  static JsonNode awaitView(String id, java.util.function.Predicate<JsonNode> condition, String what) throws InterruptedException {
    return awaitView(() -> APP.client().target(url("/api/v1/migrations/" + id)).request().get(JsonNode.class), id, condition, what);
  }

  /** Reads the migration's view with {@code read} until {@code condition} holds; fails after a minute. */
  static JsonNode awaitView(java.util.function.Supplier<JsonNode> read, String id, java.util.function.Predicate<JsonNode> condition, String what)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    JsonNode view = null;
    while (System.currentTimeMillis() < deadline) {
      view = read.get();
      if (condition.test(view)) {
        return view;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("migration " + id + " never reached " + what + ": " + view);
  }
}
