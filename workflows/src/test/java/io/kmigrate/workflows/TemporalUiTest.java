package io.kmigrate.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmigrate.workflows.visibility.MigrationSearchAttributes;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a person sees of a migration in the Temporal UI and CLI, read as they read it, by a client
 * that knows no kmigrate class: search attributes named as the UI lists them, and the current
 * details page with the open gate's question and the command that decides it.
 */
@Timeout(60)
class TemporalUiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  private final MigrationHarness h = new MigrationHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private WorkflowStub startExample() throws Exception {
    JsonNode plan = JSON.readTree(Files.readString(Path.of("../config/examples/production-first.json")));
    WorkflowStub stub = h.client.newUntypedWorkflowStub("ProductionFirstMigration",
        WorkflowOptions.newBuilder().setWorkflowId(plan.path("name").asText()).setTaskQueue("kmigrate").build());
    stub.start(plan);
    h.workflowId = plan.path("name").asText();
    return stub;
  }

  private static void awaitGate(WorkflowStub stub, String gate) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      JsonNode p = stub.query("progress", JsonNode.class);
      if (gate.equals(p.path("openGate").path("name").asText())) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("gate " + gate + " did not open");
  }

  private static String attribute(WorkflowStub stub, String name) {
    return stub.describe().getTypedSearchAttributes().get(SearchAttributeKey.forKeyword(name));
  }

  private static String currentDetails(WorkflowStub stub) {
    return stub.query(WorkflowClient.QUERY_TYPE_WORKFLOW_METADATA, WorkflowMetadata.class).getCurrentDetails();
  }

  @Test
  void theSearchAttributesFollowThePhaseAndTheOpenGateAndTheDetailsSayHowToDecideIt() throws Exception {
    MigrationSearchAttributes.types().forEach((name, type) -> h.env.registerSearchAttribute(name, type));
    h.preflight.searchAttributesRegistered(true);
    WorkflowStub stub = startExample();

    awaitGate(stub, "producer-cutover");
    assertThat(attribute(stub, "KmigratePhase")).isEqualTo("gate:producer-cutover");
    assertThat(attribute(stub, "KmigrateGate")).isEqualTo("producer-cutover");
    assertThat(attribute(stub, "KmigrateScheme")).isEqualTo("production-first");
    assertThat(attribute(stub, "KmigrateSource")).isEqualTo("source");
    assertThat(attribute(stub, "KmigrateTarget")).isEqualTo("target");
    assertThat(attribute(stub, "KmigrateCampaign")).as("not a unit of a campaign").isNull();
    assertThat(stub.describe().getTypedSearchAttributes().get(SearchAttributeKey.forKeywordList("KmigrateTopics")))
        .containsExactly("orders", "order-events");
    assertThat(currentDetails(stub))
        .contains("Phase: `gate:producer-cutover`")
        .contains("### Waiting at gate `producer-cutover`")
        .contains("- **approve**: ")
        .contains("temporal workflow update execute --workflow-id orders-move --name approve "
            + "--input '{\"gate\":\"producer-cutover\",\"by\":\"YOUR NAME\",\"comment\":\"WHY\"}'")
        .contains("$KMIGRATE_API/api/v1/migrations/orders-move/gates/producer-cutover/approve");

    stub.update("approve", JsonNode.class, JSON.readTree("{\"gate\": \"producer-cutover\", \"by\": \"alice\"}"));
    awaitGate(stub, "consumer-cutover");
    assertThat(attribute(stub, "KmigrateGate")).isEqualTo("consumer-cutover");
    assertThat(currentDetails(stub)).contains("Waiting at gate `consumer-cutover`").doesNotContain("`producer-cutover`");

    stub.signal("approveSignal", JSON.readTree("{\"gate\": \"consumer-cutover\", \"by\": \"bob\"}"));
    stub.getResult(30, TimeUnit.SECONDS, JsonNode.class);
    assertThat(attribute(stub, "KmigratePhase")).isEqualTo("completed");
    assertThat(attribute(stub, "KmigrateGate")).as("no gate open: unset").isNull();
    assertThat(summaries(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).contains(
        "preflight: 2 topic(s), source to target",
        "prepare-target: 2 topic(s), 2 group(s) on target",
        "repoint orders-api: POINT target",
        "verify-producers: 1 producer(s) from source to target",
        "drain-source: 2 group(s) on 2 topic(s)");
    assertThat(summaries(EventType.EVENT_TYPE_TIMER_STARTED)).contains("gate producer-cutover times out (PT4H)");
    h.assertReplays(ProductionFirstMigrationImpl.class);
  }

  /** The summaries a history shows on its events of {@code type}, as the Temporal UI reads them. */
  private List<String> summaries(EventType type) {
    return h.client.fetchHistory(h.workflowId).getEvents().stream()
        .filter(e -> e.getEventType() == type && e.hasUserMetadata() && e.getUserMetadata().hasSummary())
        .map(e -> DefaultDataConverter.STANDARD_INSTANCE.fromPayload(e.getUserMetadata().getSummary(), String.class, String.class))
        .toList();
  }

  @Test
  void theInMemoryServerAnswersNoVisibilityQuerySoKmigratesApiFiltersThere() {
    // What the README says: describe, query, update and signal work on the embedded server; a list query does not.
    assertThatThrownBy(() -> h.client.listExecutions("KmigrateGate = 'producer-cutover'").count())
        .satisfies(e -> assertThat(io.grpc.Status.fromThrowable(e).getCode()).isEqualTo(io.grpc.Status.Code.UNIMPLEMENTED));
  }

  @Test
  void withoutTheAttributesOnTheServerNoneIsSetAndTheDetailsStillAre() throws Exception {
    WorkflowStub stub = startExample();

    awaitGate(stub, "producer-cutover");

    SearchAttributes attributes = stub.describe().getTypedSearchAttributes();
    assertThat(MigrationSearchAttributes.ALL).noneMatch(attributes::containsKey);
    assertThat(currentDetails(stub)).contains("Waiting at gate `producer-cutover`");
    stub.update("abort", String.class, JSON.readTree("{\"reason\": \"test over\", \"by\": \"alice\"}"));
  }
}
