package io.kmigrate.api;

import static io.kmigrate.api.MigrationsResourceTest.TOPIC;
import static io.kmigrate.api.MigrationsResourceTest.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.kmigrate.api.testing.UserTokens;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The REST API with users configured (on the embedded default, one application for the class):
 * every /api/v1 call needs a bearer token, each role may do its part only, a token in a URL is
 * refused before anything happens, and the audit log names the authenticated user.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiAuthTest {
  static final UserTokens TOKENS = new UserTokens("kmigrate-auth-test");
  static final Path DIR = TOKENS.dir();
  static final String VIEWER = TOKENS.token("vera");
  static final String OPERATOR = TOKENS.token("otto");
  static final String APPROVER = TOKENS.token("anna");
  static final Path REQUEST_LOG = DIR.resolve("requests.log");

  static final DropwizardAppExtension<KmigrateConfiguration> APP =
      new DropwizardAppExtension<>(KmigrateApplication.class, config());

  static String config() {
    Map<String, List<String>> roles = new LinkedHashMap<>();
    roles.put("vera", List.of("viewer"));
    roles.put("otto", List.of("operator"));
    roles.put("anna", List.of("approver"));
    return TOKENS.serverConfig(roles,
        "requestLog:",
        "  appenders: [{type: file, currentLogFilename: " + REQUEST_LOG + ", archive: false}]");
  }

  @BeforeAll
  static void sourceHasATopicAndAGroup() throws Exception {
    MigrationsResourceTest.createTopicAndGroup(APP);
  }

  static Invocation.Builder call(String path, String token) {
    Invocation.Builder request = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path).request();
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  static Response post(String path, String token, String json) {
    return call(path, token).post(Entity.entity(json, MediaType.APPLICATION_JSON));
  }

  static Response start(String token, String plan) {
    return call("/api/v1/migrations", token).post(Entity.entity(plan, "application/yaml"));
  }

  static JsonNode awaitView(String id, java.util.function.Predicate<JsonNode> condition, String what) throws InterruptedException {
    return MigrationsResourceTest.awaitView(
        () -> call("/api/v1/migrations/" + id, VIEWER).get(JsonNode.class), id, condition, what);
  }

  static JsonNode awaitOpenGate(String id, String gate) throws InterruptedException {
    return awaitView(id, v -> gate.equals(v.path("progress").path("openGate").path("name").asText()), "open gate " + gate);
  }

  /** A plan of its own: the route store and workflow ids are shared by the class's tests. */
  static String plan(String name) {
    return MigrationsResourceTest.plan(name, TOPIC).replace("app-producer", name + "-producer").replace("app-consumer", name + "-consumer");
  }

  @Test
  void withoutATokenEveryApiCallIs401WithJsonAndABearerChallenge() {
    for (Response r : List.of(
        call("/api/v1/migrations", null).get(),
        call("/api/v1/routes/billing", null).get(),
        start(null, plan("no-token-move")),
        post("/api/v1/migrations/any/gates/producer-cutover/approve", null, "{\"by\":\"alice\"}"))) {
      JsonNode body = r.readEntity(JsonNode.class);

      assertThat(r.getStatus()).isEqualTo(401);
      assertThat(r.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"kmigrate\"");
      assertThat(body.path("code").asInt()).isEqualTo(401);
      assertThat(body.path("message").asText()).contains("Authorization: Bearer");
    }
    assertThat(statusOf(call("/api/v1/migrations/no-token-move", VIEWER).get())).as("nothing started").isEqualTo(404);
  }

  @Test
  void aWrongTokenOrAnotherSchemeIs401() {
    Response wrong = call("/api/v1/migrations", VIEWER + "x").get();
    assertThat(wrong.getStatus()).isEqualTo(401);
    assertThat(wrong.readEntity(JsonNode.class).path("message").asText()).contains("missing or unknown token");

    Response basic = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/migrations").request()
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("vera:" + VIEWER).getBytes())).get();
    assertThat(statusOf(basic)).isEqualTo(401);
  }

  @Test
  void everyRoleMayRead() {
    for (String token : List.of(VIEWER, OPERATOR, APPROVER)) {
      assertThat(statusOf(call("/api/v1/migrations", token).get())).isEqualTo(200);
      assertThat(statusOf(call("/api/v1/routes/nobody", token).get())).as("an unknown route, but authorized").isEqualTo(404);
    }
  }

  @Test
  void aViewerCannotStartApproveOrAbortAnd403NamesTheRoleNeeded() {
    Response start = start(VIEWER, plan("viewer-move"));
    JsonNode body = start.readEntity(JsonNode.class);
    assertThat(start.getStatus()).isEqualTo(403);
    assertThat(body.path("code").asInt()).isEqualTo(403);
    assertThat(body.path("message").asText()).contains("role operator needed", "'vera' has viewer");

    Response approve = post("/api/v1/migrations/viewer-move/gates/producer-cutover/approve", VIEWER, "{}");
    assertThat(approve.getStatus()).isEqualTo(403);
    assertThat(approve.readEntity(JsonNode.class).path("message").asText()).contains("role approver needed");

    assertThat(statusOf(post("/api/v1/migrations/viewer-move/abort", VIEWER, "{}"))).isEqualTo(403);
    assertThat(statusOf(call("/api/v1/migrations/viewer-move", VIEWER).get())).as("nothing started").isEqualTo(404);
  }

  @Test
  void aTokenInTheQueryStringIs400NothingStartsAndTheTokenIsNotLogged() throws Exception {
    String path = "/api/v1/migrations";
    List<Response> answers = new ArrayList<>();
    answers.add(APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path).queryParam("access_token", OPERATOR)
        .request().post(Entity.entity(plan("query-token-move"), "application/yaml")));
    answers.add(APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path).queryParam("api_key", OPERATOR)
        .request().header("Authorization", "Bearer " + OPERATOR).post(Entity.entity(plan("query-token-move"), "application/yaml")));
    // Any parameter whose value is a configured token, whatever its name.
    answers.add(APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path).queryParam("q", VIEWER).request().get());

    for (Response r : answers) {
      String body = r.readEntity(String.class);
      assertThat(r.getStatus()).isEqualTo(400);
      assertThat(body).contains("send it in the Authorization header").doesNotContain(OPERATOR).doesNotContain(VIEWER);
    }
    assertThat(statusOf(call("/api/v1/migrations/query-token-move", VIEWER).get())).as("nothing started").isEqualTo(404);

    // The access log is written once a response went out; the three 400s must be there, the tokens not.
    String log = "";
    for (long deadline = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < deadline; Thread.sleep(100)) {
      log = Files.exists(REQUEST_LOG) ? Files.readString(REQUEST_LOG) : "";
      if (log.lines().filter(l -> l.contains("\"POST /api/v1/migrations HTTP/1.1\" 400")).count() >= 2) {
        break;
      }
    }
    assertThat(log).contains("\"GET /api/v1/migrations HTTP/1.1\" 400").doesNotContain(OPERATOR).doesNotContain(VIEWER);
  }

  @Test
  void anOperatorStartsAndAbortsAnApproverDecidesAndTheAuditNamesEachAuthenticatedUser() throws Exception {
    Response started = start(OPERATOR, plan("auth-move"));
    assertThat(started.getStatus()).isEqualTo(201);
    String runId = started.readEntity(JsonNode.class).path("runId").asText();
    awaitOpenGate("auth-move", "producer-cutover");

    Response operatorApproves = post("/api/v1/migrations/auth-move/gates/producer-cutover/approve", OPERATOR, "{}");
    assertThat(operatorApproves.getStatus()).isEqualTo(403);
    assertThat(operatorApproves.readEntity(JsonNode.class).path("message").asText()).contains("role approver needed", "'otto' has operator");
    // The body names someone else: the token's user is recorded, the body's by ignored.
    assertThat(statusOf(post("/api/v1/migrations/auth-move/gates/producer-cutover/approve", APPROVER,
        "{\"by\":\"mallory\",\"comment\":\"go\"}"))).isEqualTo(200);
    awaitOpenGate("auth-move", "consumer-cutover");

    assertThat(statusOf(post("/api/v1/migrations/auth-move/abort", APPROVER, "{\"reason\":\"not mine\"}"))).isEqualTo(403);
    assertThat(statusOf(post("/api/v1/migrations/auth-move/abort", OPERATOR, "{\"reason\":\"auth test over\"}"))).isEqualTo(200);
    awaitView("auth-move", v -> "FAILED".equals(v.path("workflowStatus").asText()), "status FAILED");

    JsonNode audit = call("/api/v1/migrations/auth-move/audit", VIEWER).get(JsonNode.class);
    assertThat(MigrationsResourceTest.peoplesEntries(audit)).as("the people's entries, oldest first").containsExactly(
        "started|otto||scheme production-first, run " + runId + "|127.0.0.1",
        "approved|anna|producer-cutover|go|127.0.0.1",
        "aborted|otto|consumer-cutover|auth test over|127.0.0.1",
        "aborted|otto||auth test over|127.0.0.1");
  }
}
