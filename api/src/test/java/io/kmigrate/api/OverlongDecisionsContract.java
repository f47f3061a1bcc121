package io.kmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.kmigrate.config.GateName;
import io.kmigrate.config.InputLimits;
import io.kmigrate.workflows.MigrationControl;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.GateDecision;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14, item 2, on a real store: an over-long comment, reason or {@code by} used to be taken
 * (200), then refused by the audit table on every retry, leaving the migration RUNNING in phase
 * {@code aborted} for good with only "started" in its audit log. Now the API refuses it (400 naming
 * the field and its limit), an update through Temporal is refused by the workflow's validator, and
 * a signal (which cannot be refused) is stored cut to the column and marked; every migration ends.
 * Each database the store runs on gets a subclass.
 */
@Timeout(180)
abstract class OverlongDecisionsContract {
  static final String TOPIC = "overlong.orders";
  static final String GROUP = "overlong-group";
  static final ObjectMapper JSON = new ObjectMapper();

  abstract DropwizardAppExtension<KmigrateConfiguration> app();

  static void createTopicAndGroup(DropwizardAppExtension<KmigrateConfiguration> app) throws Exception {
    Admin source = ((KmigrateApplication) app.getApplication()).runtime().clusters().admin("source");
    source.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    source.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(0))).all().get(30, TimeUnit.SECONDS);
  }

  String url(String path) {
    return "http://127.0.0.1:" + app().getLocalPort() + path;
  }

  record Answer(int status, JsonNode body) {}

  Answer post(String path, Object body, String type) {
    try (Response r = app().client().target(url(path)).request().post(Entity.entity(body, type))) {
      return new Answer(r.getStatus(), r.readEntity(JsonNode.class));
    }
  }

  JsonNode get(String path) {
    return app().client().target(url(path)).request().get(JsonNode.class);
  }

  /** A production-first plan on this class's topic and group; {@code producerOptions} are added to its producer client. */
  static String plan(String id, String producerOptions) {
    return String.join("\n",
        "name: " + id,
        "scheme: production-first",
        "source: source",
        "target: target",
        "topics: [" + TOPIC + "]",
        "consumerGroups: [" + GROUP + "]",
        "clients:",
        "  - {name: " + id + "-producer, role: producer" + producerOptions + "}",
        "  - {name: " + id + "-consumer, role: consumer, consumerGroup: " + GROUP + "}",
        "waits: {pollInterval: 500ms, stableFor: 1s, maxWait: 10m}",
        "");
  }

  /** Starts a plan on this class's topic and group and returns once its producer-cutover gate is open. */
  void startAtProducerCutover(String id) throws Exception {
    assertThat(post("/api/v1/migrations", plan(id, ""), "application/yaml").status()).isEqualTo(201);
    awaitView(id, v -> GateName.PRODUCER_CUTOVER.equals(v.path("progress").path("openGate").path("name").asText()), "producer-cutover open");
  }

  JsonNode awaitView(String id, java.util.function.Predicate<JsonNode> condition, String what) throws InterruptedException {
    return MigrationsResourceTest.awaitView(() -> get("/api/v1/migrations/" + id), id, condition, what);
  }

  JsonNode awaitEnded(String id, String status) throws InterruptedException {
    return awaitView(id, v -> status.equals(v.path("progress").path("status").asText())
        && !"RUNNING".equals(v.path("workflowStatus").asText()), "status " + status);
  }

  List<JsonNode> audit(String id) {
    List<JsonNode> entries = new ArrayList<>();
    get("/api/v1/migrations/" + id + "/audit").forEach(entries::add);
    return entries;
  }

  WorkflowClient temporal() {
    return ((KmigrateApplication) app().getApplication()).runtime().temporal().client();
  }

  @Test
  void overLongOrControlCharacterValuesAreRefusedByTheApiWith400NamingTheFieldAndItsLimit() throws Exception {
    String id = "overlong-api";
    startAtProducerCutover(id);
    String gates = "/api/v1/migrations/" + id + "/gates/" + GateName.PRODUCER_CUTOVER;

    Answer reject = post(gates + "/reject", Map.of("by", "alice", "comment", "x".repeat(5000)), MediaType.APPLICATION_JSON);
    Answer approve = post(gates + "/approve", Map.of("by", "b".repeat(300), "comment", "ok"), MediaType.APPLICATION_JSON);
    Answer abort = post("/api/v1/migrations/" + id + "/abort", Map.of("by", "carol", "reason", "r".repeat(5000)), MediaType.APPLICATION_JSON);
    Answer escape = post("/api/v1/migrations/" + id + "/abort", Map.of("by", "carol\nadmin", "reason", "x"), MediaType.APPLICATION_JSON);

    assertThat(reject.status()).isEqualTo(400);
    assertThat(reject.body().path("message").asText()).isEqualTo("comment: at most 4,000 characters, got 5,000: shorten it");
    assertThat(reject.body().path("problems").get(0).path("field").asText()).isEqualTo("comment");
    assertThat(approve.status()).isEqualTo(400);
    assertThat(approve.body().path("message").asText()).startsWith("by: at most 200 characters, got 300");
    assertThat(abort.status()).isEqualTo(400);
    assertThat(abort.body().path("message").asText()).startsWith("reason: at most 4,000 characters, got 5,000");
    assertThat(escape.status()).isEqualTo(400);
    assertThat(escape.body().path("message").asText()).startsWith("by: must not hold control characters (U+000A");
    assertThat(get("/api/v1/migrations/" + id).path("progress").path("decisions")).as("nothing was taken").isEmpty();

    assertThat(post("/api/v1/migrations/" + id + "/abort", Map.of("by", "carol", "reason", "done"), MediaType.APPLICATION_JSON).status())
        .isEqualTo(200);
    awaitEnded(id, "ABORTED");
    assertThat(audit(id)).extracting(e -> e.path("action").asText()).containsExactly("started", "aborted", "aborted");
  }

  @Test
  void anOverLongDecisionSentAsAnUpdateIsRefusedByTheWorkflowAndChangesNothing() throws Exception {
    String id = "overlong-update";
    startAtProducerCutover(id);

    WorkflowUpdateException e = catchThrowableOfType(WorkflowUpdateException.class, () -> temporal().newUntypedWorkflowStub(id)
        .update(MigrationControl.REJECT, DecisionRecord.class, new GateDecision(GateName.PRODUCER_CUTOVER, "alice", "x".repeat(5000))));

    assertThat(e.getCause()).hasMessageContaining("comment: at most 4,000 characters, got 5,000");
    assertThat(get("/api/v1/migrations/" + id).path("progress").path("openGate").path("name").asText()).isEqualTo(GateName.PRODUCER_CUTOVER);
    temporal().newUntypedWorkflowStub(id).update(MigrationControl.ABORT, String.class, new AbortRequest("done", "carol"));
    awaitEnded(id, "ABORTED");
    assertThat(audit(id)).extracting(a -> a.path("action").asText()).containsExactly("started", "aborted", "aborted");
  }

  @Test
  void anOverLongRejectionSentAsASignalIsStoredCutToItsColumnsAndTheMigrationEnds() throws Exception {
    String id = "overlong-signal";
    startAtProducerCutover(id);

    temporal().newUntypedWorkflowStub(id).signal(MigrationControl.REJECT_SIGNAL,
        new GateDecision(GateName.PRODUCER_CUTOVER, "b".repeat(300), "c".repeat(5000)));

    JsonNode end = awaitEnded(id, "ABORTED");
    assertThat(end.path("progress").path("storeProblems")).isEmpty();
    JsonNode rejected = audit(id).stream().filter(a -> a.path("action").asText().equals("rejected")).findFirst().orElseThrow();
    assertThat(rejected.path("by").asText()).hasSize(InputLimits.BY).endsWith("[cut: 300 characters in all]");
    assertThat(rejected.path("comment").asText()).hasSize(InputLimits.COMMENT).endsWith("[cut: 5,000 characters in all]");
  }

  @Test
  void anOverLongAbortSentAsASignalAbortsWithItsReasonCut() throws Exception {
    String id = "overlong-abort-signal";
    startAtProducerCutover(id);

    temporal().newUntypedWorkflowStub(id).signal(MigrationControl.ABORT_SIGNAL, new AbortRequest("r".repeat(5000), "carol"));

    awaitEnded(id, "ABORTED");
    List<JsonNode> entries = audit(id);
    assertThat(entries).extracting(a -> a.path("action").asText()).containsExactly("started", "aborted", "aborted");
    assertThat(entries.get(2).path("comment").asText()).hasSize(InputLimits.COMMENT).startsWith("rrr").endsWith("[cut: 5,000 characters in all]");
  }
}
