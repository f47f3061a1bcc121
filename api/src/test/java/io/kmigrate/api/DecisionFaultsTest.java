package io.kmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Decisions people get wrong, through the REST API on the embedded stack: sent twice, for a gate
 * that is not open, after an abort, an abort while a repoint runs, a rejection without a reason.
 * Each is answered with a status and a message naming the state, and the audit log holds every
 * decision taken exactly once and none that was refused. A decision refused is always 409 (400
 * for a bad body): a decision sent twice is not taken twice, and its answer names the first.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Timeout(120)
class DecisionFaultsTest {
  static final DropwizardAppExtension<KmigrateConfiguration> APP =
      EmbeddedApp.extension(ConfigOverride.config("webhooks.signingSecret", "decision-faults-test"),
          // The held webhook listens on loopback: this worker's configuration allows it, on any port.
          ConfigOverride.config("webhooks.allowedUrls", "127.0.0.1"),
          ConfigOverride.config("webhooks.allowedNetworks", "127.0.0.1/32"));

  static final String TOPIC = "decisions.orders";
  static final String GROUP = MigrationsResourceTest.GROUP;

  @BeforeAll
  static void sourceHasATopicAndAGroup() throws Exception {
    Admin source = ((KmigrateApplication) APP.getApplication()).runtime().clusters().admin("source");
    source.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
    source.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(0))).all().get(30, TimeUnit.SECONDS);
  }

  /** The usual test plan with clients named after the migration (the route store is shared) and {@code producer} as its producer. */
  static String plan(String name, String producer) {
    return MigrationsResourceTest.plan(name, TOPIC)
        .replace("{name: app-producer, role: producer}", producer)
        .replace("app-consumer", name + "-consumer");
  }

  static String routedProducer(String name) {
    return "{name: " + name + "-producer, role: producer}";
  }

  record Answer(int status, JsonNode body) {
    String message() {
      return body.path("message").asText(body.toString());
    }
  }

  static Answer post(String path, String json) {
    try (Response r = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path).request()
        .post(Entity.entity(json, MediaType.APPLICATION_JSON))) {
      return new Answer(r.getStatus(), r.readEntity(JsonNode.class));
    }
  }

  static void start(String name, String plan) {
    try (Response r = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/migrations").request()
        .post(Entity.entity(plan, "application/yaml"))) {
      assertThat(r.getStatus()).as("start of " + name).isEqualTo(201);
    }
  }

  static Answer approve(String id, String gate, String by) {
    return post("/api/v1/migrations/" + id + "/gates/" + gate + "/approve", "{\"by\":\"" + by + "\",\"comment\":\"go\"}");
  }

  static Answer abort(String id, String by, String reason) {
    return post("/api/v1/migrations/" + id + "/abort", "{\"by\":\"" + by + "\",\"reason\":\"" + reason + "\"}");
  }

  static JsonNode view(String id) {
    return APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/migrations/" + id).request().get(JsonNode.class);
  }

  /** The audit log as "action|gate|by" lines, oldest first. */
  static List<String> audit(String id) {
    JsonNode entries = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/migrations/" + id + "/audit")
        .request().get(JsonNode.class);
    List<String> lines = new ArrayList<>();
    entries.forEach(e -> lines.add(e.path("action").asText() + "|" + e.path("gate").asText("") + "|" + e.path("by").asText()));
    return lines;
  }

  static JsonNode awaitView(String id, Predicate<JsonNode> condition, String what) throws InterruptedException {
    return MigrationsResourceTest.awaitView(() -> view(id), id, condition, what);
  }

  static JsonNode awaitOpenGate(String id, String gate) throws InterruptedException {
    return awaitView(id, v -> gate.equals(v.path("progress").path("openGate").path("name").asText()), "open gate " + gate);
  }

  static JsonNode awaitEnd(String id) throws InterruptedException {
    return awaitView(id, v -> "FAILED".equals(v.path("workflowStatus").asText()), "its end");
  }

  @Test
  void anApprovalSentTwiceIsTakenOnceAndTheSecondIs409NamingTheFirst() throws Exception {
    String id = "twice";
    start(id, plan(id, routedProducer(id)));
    awaitOpenGate(id, "producer-cutover");

    Answer notOpen = approve(id, "consumer-cutover", "bob");
    Answer first = approve(id, "producer-cutover", "alice");
    Answer second = approve(id, "producer-cutover", "alice");

    assertThat(notOpen.status()).isEqualTo(409);
    assertThat(notOpen.message()).contains("gate 'consumer-cutover' is not open", "the open gate is 'producer-cutover'");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().path("action").asText()).isEqualTo("approved");
    assertThat(second.status()).as(second.message()).isEqualTo(409);
    assertThat(second.message()).contains("gate 'producer-cutover'", "approved by alice at " + first.body().path("at").asText());

    awaitOpenGate(id, "consumer-cutover");
    assertThat(approve(id, "producer-cutover", "alice").message())
        .as("long after, the answer still names the first approval and the gate open now")
        .contains("it was approved by alice", "the open gate is 'consumer-cutover'");
    assertThat(audit(id)).containsExactly("started||api", "approved|producer-cutover|alice");

    assertThat(abort(id, "carol", "test over").status()).isEqualTo(200);
    awaitEnd(id);
  }

  @Test
  void anApprovalSentTwiceWithItsOpeningCannotAnswerTheGateWhenItOpensAgainUnderTheSameName() throws Exception {
    String id = "manual-twice";
    String twoManualProducers = "{name: " + id + "-a, role: producer, strategy: manual}\n  - {name: " + id + "-b, role: producer, strategy: manual}";
    start(id, plan(id, twoManualProducers));
    awaitOpenGate(id, "producer-cutover");
    assertThat(approve(id, "producer-cutover", "alice").status()).isEqualTo(200);
    JsonNode forA = awaitOpenGate(id, "manual-repoint").path("progress").path("openGate");
    assertThat(forA.path("question").asText()).contains(id + "-a");
    String thatOpening = "{\"by\":\"alice\",\"comment\":\"restarted\",\"openedAt\":\"" + forA.path("openedAt").asText() + "\"}";

    Answer first = post("/api/v1/migrations/" + id + "/gates/manual-repoint/approve", thatOpening);
    JsonNode forB = awaitView(id, v -> v.path("progress").path("openGate").path("question").asText().contains(id + "-b"), "the gate for " + id + "-b")
        .path("progress").path("openGate");
    Answer second = post("/api/v1/migrations/" + id + "/gates/manual-repoint/approve", thatOpening);

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).as(second.message()).isEqualTo(409);
    assertThat(second.message()).contains(
        "gate 'manual-repoint' opened at " + forA.path("openedAt").asText() + " is closed",
        "it was approved by alice at " + first.body().path("at").asText(),
        "it opened again at " + forB.path("openedAt").asText());
    assertThat(view(id).path("progress").path("openGate").path("question").asText()).as("still waiting for b").contains(id + "-b");
    assertThat(audit(id)).containsExactly("started||api", "approved|producer-cutover|alice", "approved|manual-repoint|alice");

    assertThat(abort(id, "carol", "test over").status()).isEqualTo(200);
    awaitEnd(id);
  }

  @Test
  void anApprovalAfterAnAbortIs409SayingTheMigrationIsAbortingOrEndedAborted() throws Exception {
    String id = "late";
    start(id, plan(id, routedProducer(id)));
    awaitOpenGate(id, "producer-cutover");

    Answer aborted = abort(id, "carol", "wrong target");
    Answer rightAfter = approve(id, "producer-cutover", "alice");

    assertThat(aborted.status()).isEqualTo(200);
    assertThat(aborted.body().path("result").asText()).contains("nothing client-facing changed");
    assertThat(rightAfter.status()).isEqualTo(409);
    // Either the workflow is still unwinding or it has already ended: both answers name the abort.
    assertThat(rightAfter.message()).containsAnyOf("the migration is aborting (aborted by carol: wrong target)", "it ended ABORTED");

    awaitEnd(id);
    Answer afterTheEnd = approve(id, "producer-cutover", "alice");
    Answer secondAbort = abort(id, "dave", "again");

    assertThat(afterTheEnd.status()).isEqualTo(409);
    assertThat(afterTheEnd.message()).contains("migration 'late' is not running: it ended ABORTED");
    assertThat(secondAbort.status()).isEqualTo(409);
    assertThat(secondAbort.message()).contains("it ended ABORTED");
    assertThat(audit(id)).as("the abort closes the gate and ends the migration; nothing refused is recorded")
        .containsExactly("started||api", "aborted|producer-cutover|carol", "aborted||carol");
  }

  @Test
  void aRejectionWithoutAReasonIs400NamingTheCommentFieldAndNothingIsRecorded() throws Exception {
    String id = "no-reason";
    start(id, plan(id, routedProducer(id)));
    awaitOpenGate(id, "producer-cutover");

    Answer none = post("/api/v1/migrations/" + id + "/gates/producer-cutover/reject", "{\"by\":\"alice\"}");
    Answer blank = post("/api/v1/migrations/" + id + "/gates/producer-cutover/reject", "{\"by\":\"alice\",\"comment\":\"  \"}");

    assertThat(none.status()).isEqualTo(400);
    assertThat(none.message()).startsWith("comment:").contains("say why the gate is rejected");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(view(id).path("progress").path("openGate").path("name").asText()).as("the gate stays open").isEqualTo("producer-cutover");
    assertThat(audit(id)).containsExactly("started||api");

    Answer withReason = post("/api/v1/migrations/" + id + "/gates/producer-cutover/reject", "{\"by\":\"alice\",\"comment\":\"target not ready\"}");

    assertThat(withReason.status()).isEqualTo(200);
    awaitEnd(id);
    assertThat(audit(id)).containsExactly("started||api", "rejected|producer-cutover|alice", "aborted||alice");
  }

  @Test
  void anAbortDuringARepointLetsTheRepointFinishThenRollsItBackAndEndsAborted() throws Exception {
    String id = "mid-repoint";
    try (HeldWebhook hook = new HeldWebhook()) {
      start(id, plan(id, "{name: " + id + "-producer, role: producer, strategy: webhook, webhook: {url: '" + hook.url() + "'}}"));
      awaitOpenGate(id, "producer-cutover");
      assertThat(approve(id, "producer-cutover", "alice").status()).isEqualTo(200);
      hook.awaitFirstCall();

      Answer aborted = abort(id, "carol", "stop now");
      hook.release();

      assertThat(aborted.status()).isEqualTo(200);
      assertThat(aborted.body().path("result").asText())
          .contains("the repoint of mid-repoint-producer (to target) in progress finishes first", "pointed back to source");
      JsonNode end = awaitEnd(id);
      JsonNode progress = end.path("progress");
      assertThat(progress.path("status").asText()).isEqualTo("ABORTED");
      assertThat(progress.path("rollback").path("repointedBack")).extracting(JsonNode::asText).containsExactly("mid-repoint-producer");
      assertThat(progress.path("rollback").path("producersBack").asBoolean()).isTrue();
      assertThat(hook.calls()).as("the repoint in progress completed once, then was undone once")
          .extracting(c -> c.path("cluster").asText() + ":" + c.path("action").asText())
          .containsExactly("target:point", "source:point");
      assertThat(audit(id)).containsExactly(
          "started||api", "approved|producer-cutover|alice", "aborted||carol", "rolled-back||kmigrate");
    }
  }
}
