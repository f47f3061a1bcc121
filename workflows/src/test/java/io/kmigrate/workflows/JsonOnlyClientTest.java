package io.kmigrate.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmigrate.workflows.contract.AuditAction;
import io.kmigrate.workflows.contract.AuditEntry;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that knows no kmigrate class — as `temporal workflow start/signal/update/query` and the
 * Temporal UI — drives a migration with JSON payloads only: the example plan file as input, the
 * README's JSON for decisions, the progress read back as JSON.
 */
@Timeout(60)
class JsonOnlyClientTest {
  static final ObjectMapper JSON = new ObjectMapper();
  private final MigrationHarness h = new MigrationHarness();

  @AfterEach
  void close() {
    h.close();
  }

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void theExamplePlanRunsByTypeNameWithSignalsUpdatesAndQueriesInJson() throws Exception {
    JsonNode plan = JSON.readTree(Files.readString(Path.of("../config/examples/production-first.json")));
    WorkflowStub stub = h.client.newUntypedWorkflowStub("ProductionFirstMigration",
        WorkflowOptions.newBuilder().setWorkflowId(plan.path("name").asText()).setTaskQueue("kmigrate").build());

    stub.start(plan);
    awaitOpenGate(stub, "producer-cutover");
    JsonNode decided = stub.update("approve", JsonNode.class, json("{\"gate\": \"producer-cutover\", \"by\": \"alice\", \"comment\": \"go\"}"));
    awaitOpenGate(stub, "consumer-cutover");
    stub.signal("approveSignal", json("{\"gate\": \"consumer-cutover\", \"by\": \"bob\"}"));
    JsonNode result = stub.getResult(30, TimeUnit.SECONDS, JsonNode.class);

    assertThat(decided.path("action").asText()).isEqualTo("approved");
    assertThat(result.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(result.path("workflowId").asText()).isEqualTo("orders-move");
    JsonNode progress = stub.query("progress", JsonNode.class);
    assertThat(progress.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(progress.path("decisions").findValuesAsText("by")).containsExactly("alice", "bob");
  }

  @Test
  void aDecisionSentWithoutSourceIsAuditedWithItsByAndASourceSentAlongIsKept() throws Exception {
    JsonNode plan = JSON.readTree(Files.readString(Path.of("../config/examples/production-first.json")));
    WorkflowStub stub = h.client.newUntypedWorkflowStub("ProductionFirstMigration",
        WorkflowOptions.newBuilder().setWorkflowId(plan.path("name").asText()).setTaskQueue("kmigrate").build());

    stub.start(plan);
    awaitOpenGate(stub, "producer-cutover");
    // As the kmigrate API sends it: the requester's address in source.
    stub.update("approve", JsonNode.class, json("{\"gate\": \"producer-cutover\", \"by\": \"alice\", \"source\": \"10.1.2.3\"}"));
    awaitOpenGate(stub, "consumer-cutover");
    // As `temporal workflow signal` sends it: no source at all.
    stub.signal("approveSignal", json("{\"gate\": \"consumer-cutover\", \"by\": \"bob\", \"comment\": \"from the CLI\"}"));
    stub.getResult(30, TimeUnit.SECONDS, JsonNode.class);

    assertThat(h.store.audit())
        .filteredOn(e -> e.action() == AuditAction.APPROVED)
        .extracting(AuditEntry::gate, AuditEntry::by, AuditEntry::comment, AuditEntry::source)
        .containsExactly(
            tuple("producer-cutover", "alice", null, "10.1.2.3"),
            tuple("consumer-cutover", "bob", "from the CLI", null));
    assertThat(stub.query("progress", JsonNode.class).path("decisions").findValuesAsText("by")).containsExactly("alice", "bob");
  }

  static void awaitOpenGate(WorkflowStub stub, String gate) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      if (gate.equals(stub.query("progress", JsonNode.class).path("openGate").path("name").asText())) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("gate " + gate + " never opened");
  }
}
