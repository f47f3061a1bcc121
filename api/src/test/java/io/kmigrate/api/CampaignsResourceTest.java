package io.kmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.kmigrate.worker.KmigrateRuntime;
import io.kmigrate.workflows.visibility.MigrationSearchAttributes;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Campaigns through the REST API on the embedded default: three real migrations (each a topic
 * and its producer, no gate of their own) in two waves, started wave by wave by a person.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CampaignsResourceTest {
  static final DropwizardAppExtension<KmigrateConfiguration> APP = EmbeddedApp.extension();

  @BeforeAll
  static void sourceHasTheUnitsTopics() throws Exception {
    KmigrateRuntime rt = ((KmigrateApplication) APP.getApplication()).runtime();
    rt.clusters().admin("source").createTopics(List.of(new NewTopic("camp.a", 1, (short) 1), new NewTopic("camp.b", 1, (short) 1),
        new NewTopic("camp.c", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
  }

  static String unit(String name, String topic) {
    return String.join("\n",
        "  - name: " + name,
        "    scheme: production-first",
        "    source: source",
        "    target: target",
        "    topics: [" + topic + "]",
        "    clients: [{name: " + name + "-producer, role: producer}]",
        "    gates: {producer-cutover: {required: false}, consumer-cutover: {required: false}}",
        "    waits: {pollInterval: 500ms, stableFor: 1s, maxWait: 10m}");
  }

  static String campaign(String name, String... units) {
    return "name: " + name + "\nonFailure: stop\nwaves:\n  - [" + name + "-a, " + name + "-b]\n  - [" + name + "-c]\nplans:\n"
        + String.join("\n", units) + "\n";
  }

  static Response post(String path, String body, String type) {
    return APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path).request().post(Entity.entity(body, type));
  }

  static JsonNode get(String path) {
    return APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path).request().get(JsonNode.class);
  }

  static JsonNode await(String id, java.util.function.Predicate<JsonNode> until, String what) throws InterruptedException {
    return MigrationsResourceTest.awaitView(() -> get("/api/v1/campaigns/" + id), id, until, what);
  }

  @Test
  void aCampaignRunsItsUnitsAsMigrationsWaveByWaveEachWaveOnceAPersonApprovedIt() throws Exception {
    String body = campaign("fleet", unit("fleet-a", "camp.a"), unit("fleet-b", "camp.b"), unit("fleet-c", "camp.c"));
    try (Response started = post("/api/v1/campaigns", body, "application/yaml")) {
      assertThat(started.getStatus()).as(started.readEntity(String.class)).isEqualTo(201);
    }
    JsonNode open = await("fleet", v -> v.path("progress").path("openWave").asInt() == 1, "wave 1's gate");
    assertThat(open.path("progress").path("status").asText()).isEqualTo("WAITING_FOR_APPROVAL");

    try (Response approved = post("/api/v1/campaigns/fleet/waves/1/approve", "{\"by\": \"olga\", \"comment\": \"canary first\"}",
        MediaType.APPLICATION_JSON)) {
      assertThat(approved.getStatus()).isEqualTo(200);
    }
    try (Response tooEarly = post("/api/v1/campaigns/fleet/waves/1/approve", "{\"by\": \"olga\"}", MediaType.APPLICATION_JSON)) {
      assertThat(tooEarly.getStatus()).isEqualTo(409);
      assertThat(tooEarly.readEntity(JsonNode.class).path("message").asText()).contains("wave 1 of campaign fleet is not open");
    }
    await("fleet", v -> v.path("progress").path("openWave").asInt() == 2, "wave 2's gate");
    JsonNode unitA = get("/api/v1/migrations/fleet-a");
    assertThat(unitA.path("progress").path("status").asText()).isEqualTo("COMPLETED");
    assertThat(unitA.path("audit").get(0).path("action").asText()).isEqualTo("started");
    assertThat(unitA.path("audit").get(0).path("by").asText()).isEqualTo("olga");

    try (Response approved = post("/api/v1/campaigns/fleet/waves/2/approve", "{\"by\": \"olga\"}", MediaType.APPLICATION_JSON)) {
      assertThat(approved.getStatus()).isEqualTo(200);
    }
    JsonNode done = await("fleet", v -> v.path("progress").path("status").asText().equals("COMPLETED"), "the campaign completed");
    assertThat(done.path("progress").path("waves").findValuesAsText("status")).containsOnly("COMPLETED");
    assertThat(done.path("workflowStatus").asText()).isEqualTo("COMPLETED");
    assertThat(done.path("audit").findValuesAsText("gate")).contains("wave-1", "wave-2");
    assertThat(get("/api/v1/migrations").findValuesAsText("id")).contains("fleet-a", "fleet-b", "fleet-c");
    JsonNode listed = get("/api/v1/campaigns");
    assertThat(listed.findValuesAsText("id")).contains("fleet");
    for (JsonNode c : listed) {
      if (c.path("id").asText().equals("fleet")) {
        assertThat(c.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(c.path("units").asInt()).isEqualTo(3);
        assertThat(c.path("waves").asInt()).isEqualTo(2);
        assertThat(c.path("onFailure").asText()).isEqualTo("stop");
        assertThat(c.path("createdAt").asText()).endsWith("Z");
      }
    }
    // In Temporal, the campaign and each of its units carry KmigrateCampaign (the embedded server has kmigrate's attributes).
    KmigrateRuntime rt = ((KmigrateApplication) APP.getApplication()).runtime();
    assertThat(rt.searchAttributesRegistered()).isTrue();
    for (String id : List.of("fleet", "fleet-a", "fleet-c")) {
      assertThat(rt.temporal().client().newUntypedWorkflowStub(id).describe().getTypedSearchAttributes().get(MigrationSearchAttributes.CAMPAIGN))
          .as(id).isEqualTo("fleet");
    }
    // Prometheus: its units by status, and no wave waiting, once the gauges recounted (every 15 s).
    String scraped = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (!scraped.contains("kmigrate_campaign_units{campaign=\"fleet\",status=\"completed\"} 3.0") && System.nanoTime() < deadline) {
      Thread.sleep(500);
      scraped = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/metrics").request().get(String.class);
    }
    assertThat(scraped).contains("kmigrate_campaign_units{campaign=\"fleet\",status=\"completed\"} 3.0",
        "kmigrate_campaign_waiting_wave{campaign=\"fleet\"} 0.0");
    // A campaign is not a migration, nor a migration a campaign: each is 404 at the other's address, saying what it is.
    try (Response r = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/migrations/fleet").request().get()) {
      assertThat(r.getStatus()).isEqualTo(404);
      assertThat(r.readEntity(JsonNode.class).path("message").asText()).isEqualTo("no migration 'fleet': 'fleet' is a campaign");
    }
    try (Response r = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/campaigns/fleet-a").request().get()) {
      assertThat(r.getStatus()).isEqualTo(404);
      assertThat(r.readEntity(JsonNode.class).path("message").asText()).isEqualTo("no campaign 'fleet-a': 'fleet-a' is a migration");
    }
  }

  @Test
  void aBadCampaignIs400NamingEachFieldAndAnUnknownOneIs404() throws Exception {
    String bad = campaign("broken", unit("broken-a", "camp.a"), unit("broken-b", "bad topic!"), unit("broken-a", "camp.c"))
        .replace("[broken-c]", "[broken-z]");
    try (Response r = post("/api/v1/campaigns", bad, "application/yaml")) {
      JsonNode body = r.readEntity(JsonNode.class);
      assertThat(r.getStatus()).isEqualTo(400);
      assertThat(body.path("problems").findValuesAsText("field")).contains("plans[1].topics[0]", "plans[2].name", "waves[1][0]");
      assertThat(body.path("problems").findValuesAsText("message")).contains("'broken-z' is no unit's name: name one of plans[*].name");
    }
    // Latin-1, not UTF-8: refused as such, not read with a replacement character (a different name, a mangled comment).
    byte[] latin1 = campaign("caf\u00e9", unit("cafe-a", "camp.a")).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    try (Response r = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/campaigns").request()
        .post(Entity.entity(latin1, "application/yaml"))) {
      JsonNode body = r.readEntity(JsonNode.class);
      assertThat(r.getStatus()).isEqualTo(400);
      assertThat(body.path("problems").findValuesAsText("field")).containsExactly("(campaign)");
      assertThat(body.path("problems").findValuesAsText("message")).containsExactly("byte 0xE9 on line 1 is not UTF-8: save the campaign as UTF-8");
    }
    try (Response r = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/campaigns/nothing-here").request().get()) {
      assertThat(r.getStatus()).isEqualTo(404);
      assertThat(r.readEntity(JsonNode.class).path("message").asText()).isEqualTo("no campaign 'nothing-here'");
    }
  }
}
