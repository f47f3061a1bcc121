package io.kmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.kmigrate.config.PlanLoader;
import io.kmigrate.workflows.MigrationControl;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14: the outside security test's probes against {@code ./kmigrate server} on the open
 * embedded default, each one a defect found on main at de916fd (the webhook SSRF, cross-site
 * starts, unbounded error lists, the admin port's tasks, missing browser headers), plus the
 * over-long decisions of {@link OverlongDecisionsContract} on H2.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Timeout(180)
class SecurityProbesTest extends OverlongDecisionsContract {
  static final DropwizardAppExtension<KmigrateConfiguration> APP = EmbeddedApp.extension();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Override
  DropwizardAppExtension<KmigrateConfiguration> app() {
    return APP;
  }

  @BeforeAll
  static void sourceHasATopicAndAGroup() throws Exception {
    createTopicAndGroup(APP);
  }

  static String webhookPlan(String name, String webhookUrl) {
    return plan(name, ", strategy: webhook, webhook: {url: '" + webhookUrl + "'}");
  }

  HttpResponse<String> raw(String method, String url, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  int statusOfGet(String path) {
    try (Response r = APP.client().target(url(path)).request().get()) {
      return r.getStatus();
    }
  }

  // 1. Webhook SSRF

  static Stream<String> internalDestinations() {
    return Stream.of(
        "http://127.0.0.1:" + APP.getAdminPort() + "/tasks/log-level?logger=ROOT&level=OFF",
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://[::1]:" + APP.getAdminPort() + "/");
  }

  @Test
  void aPlanWhoseWebhookReachesTheAdminPortTheMetadataServiceOrLoopbackIsRefusedWith400() {
    internalDestinations().forEach(destination -> {
      Answer r = post("/api/v1/migrations", webhookPlan("ssrf", destination), "application/yaml");

      assertThat(r.status()).as(destination).isEqualTo(400);
      assertThat(r.body().path("problems")).singleElement().satisfies(p -> {
        assertThat(p.path("field").asText()).isEqualTo("clients[0].webhook.url");
        assertThat(p.path("message").asText()).contains("not an allowed destination").contains("webhooks.allowedUrls");
      });
    });
    assertThat(statusOfGet("/api/v1/migrations/ssrf")).isEqualTo(404);
  }

  @Test
  void aPlanStartedStraightThroughTemporalWithSuchAWebhookFailsPreflightNamingIt() {
    String admin = "http://127.0.0.1:" + APP.getAdminPort() + "/tasks/gc";
    WorkflowStub stub = temporal().newUntypedWorkflowStub("ProductionFirstMigration",
        WorkflowOptions.newBuilder().setWorkflowId("ssrf-temporal").setTaskQueue(MigrationControl.TASK_QUEUE).build());
    stub.start(PlanLoader.parse(webhookPlan("ssrf-temporal", admin)));

    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class, () -> stub.getResult(JsonNode.class));

    ApplicationFailure preflight = (ApplicationFailure) failed.getCause();
    assertThat(preflight.getType()).isEqualTo("PreflightFailed");
    assertThat(preflight.getOriginalMessage()).contains("clients[0].webhook.url: '" + admin + "' is not an allowed destination");
  }

  // 4. Cross-site starts

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""})
  void aStartWithoutAJsonOrYamlContentTypeIsRefusedWith415AndStartsNothing(String type) throws Exception {
    HttpResponse<String> r = raw("POST", url("/api/v1/migrations"), type.isEmpty() ? null : type, webhookPlan("cross-site", "https://x.example/"));

    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(JSON.readTree(r.body()).path("message").asText()).contains("application/json or application/yaml");
    assertThat(statusOfGet("/api/v1/migrations/cross-site")).isEqualTo(404);
  }

  @Test
  void aDecisionOrAbortWithoutAJsonContentTypeIsRefusedWith415() throws Exception {
    assertThat(raw("POST", url("/api/v1/migrations/x/abort"), "text/plain", "{\"by\":\"a\",\"reason\":\"b\"}").statusCode()).isEqualTo(415);
    assertThat(raw("POST", url("/api/v1/migrations/x/gates/producer-cutover/approve"), null, null).statusCode()).isEqualTo(415);
  }

  @Test
  void aDecisionBodyLargerThan64KiBIsRefusedWith413() throws Exception {
    HttpResponse<String> r = raw("POST", url("/api/v1/migrations/x/abort"), MediaType.APPLICATION_JSON,
        "{\"by\":\"a\",\"reason\":\"" + "r".repeat(70_000) + "\"}");

    assertThat(r.statusCode()).isEqualTo(413);
  }

  // 5. Smaller items

  @Test
  void aPlanWithHalfAMillionProblemsIsAnsweredWithAHundredAndACount() throws Exception {
    String topics = "topics: [" + String.join(",", java.util.Collections.nCopies(520_000, "a")) + "]\n";
    String plan = webhookPlan("many-problems", "https://x.example/").replace("topics: [" + TOPIC + "]\n", topics);
    assertThat(plan.length()).isLessThan(PlanLoader.MAX_BYTES);

    HttpResponse<String> r = raw("POST", url("/api/v1/migrations"), "application/yaml", plan);
    JsonNode body = JSON.readTree(r.body());

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(body.path("problems")).hasSize(100);
    assertThat(body.path("omittedProblems").asInt()).isGreaterThan(519_000);
    assertThat(r.body().length()).as("the answer stays small").isLessThan(30_000);
  }

  @Test
  void adminTasksThreadDumpsAndProfilesAreOffWhileHealthAndMetricsAnswer() throws Exception {
    String admin = "http://127.0.0.1:" + APP.getAdminPort();

    assertThat(raw("POST", admin + "/tasks/log-level?logger=ROOT&level=OFF", null, null).statusCode()).isEqualTo(404);
    assertThat(raw("POST", admin + "/tasks/gc", null, null).statusCode()).isEqualTo(404);
    assertThat(raw("GET", admin + "/threads", null, null).statusCode()).isEqualTo(404);
    assertThat(raw("GET", admin + "/pprof", null, null).statusCode()).isEqualTo(404);
    assertThat(raw("GET", admin + "/ping", null, null).statusCode()).isEqualTo(200);
    assertThat(raw("GET", admin + "/metrics", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void theConsoleAndTheApiAnswerWithHeadersThatKeepBrowsersSafe() throws Exception {
    for (String path : new String[] {"/console/", "/console/console.js", "/api/v1/migrations", "/api/v1/migrations/none"}) {
      HttpResponse<String> r = raw("GET", url(path), null, null);

      assertThat(r.headers().firstValue("Content-Security-Policy")).as(path)
          .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
    }
  }

  @Test
  void theEmbeddedDefaultListensOnLoopbackOnly() {
    DefaultServerFactory server = (DefaultServerFactory) APP.getConfiguration().getServerFactory();

    assertThat(server.getApplicationConnectors()).allSatisfy(c -> assertThat(((HttpConnectorFactory) c).getBindHost()).isEqualTo("127.0.0.1"));
    assertThat(server.getAdminConnectors()).allSatisfy(c -> assertThat(((HttpConnectorFactory) c).getBindHost()).isEqualTo("127.0.0.1"));
  }

  @Test
  void aStartWithAJsonPlanStillWorks() {
    Answer r = post("/api/v1/migrations", Map.of("name", "json-ok"), MediaType.APPLICATION_JSON);

    assertThat(r.status()).as("a JSON plan reaches validation").isEqualTo(400);
    assertThat(r.body().path("message").asText()).startsWith("invalid plan");
  }
}
