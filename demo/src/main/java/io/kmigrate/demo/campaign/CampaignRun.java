package io.kmigrate.demo.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kmigrate.activities.discover.GroupFacts;
import io.kmigrate.activities.discover.MigrationUnit;
import io.kmigrate.activities.store.RouteStore;
import io.kmigrate.api.discover.Discovery;
import io.kmigrate.demo.ApiClient;
import io.kmigrate.demo.DeliveryLedger;
import io.kmigrate.demo.DemoApp;
import io.kmigrate.localstack.LocalKafkaCluster;
import io.kmigrate.worker.KmigrateRuntime;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code demo --campaign}: the fleet path end to end. Sample services run on the source (one topic
 * read by two groups), {@code discover} reads the cluster and drafts a plan per unit and the
 * campaign, the demo fills in what discovery cannot know (the producers' names, routing for every
 * client) as a person would, and the campaign runs through the REST API: each wave and each unit's
 * gates approved as they open. Every group's ledger then says what it lost.
 */
public final class CampaignRun {
  private static final Duration MAX_RUN = Duration.ofMinutes(10);
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String BY = "demo-auto";

  private final KmigrateRuntime runtime;
  private final String apiBase;
  private final ApiClient api;
  private final Path dir;
  private final PrintStream out;

  /** @param dir where discovery writes its drafts: emptied first */
  public CampaignRun(KmigrateRuntime runtime, String apiBase, Path dir, PrintStream out) {
    this.runtime = runtime;
    this.apiBase = apiBase;
    this.api = new ApiClient(apiBase);
    this.dir = dir;
    this.out = out;
  }

  public CampaignReport run() throws Exception {
    long started = System.currentTimeMillis();
    // Unit and campaign names are kept apart from an earlier run's, which the store still lists.
    String tag = Long.toString(started / 1000 % 1_000_000, 36);
    try (ShopApps apps = new ShopApps(runtime.clusters().admin("source"), runtime.clusters().config("source").bootstrapServers(),
        new RouteStore(runtime.database()), apiBase)) {
      apps.produce();
      out.printf("campaign: %d services on source (%d msg/s in all): %s%n", ShopApps.APPS.size(), apps.ratePerSec(), describe());
      Thread.sleep(3000); // every group commits on the source, so discovery sees what it reads

      LocalKafkaCluster.deleteRecursively(dir);
      Discovery.Result found = Discovery.draft(runtime.clusters().admin("source"), "source", "target", Pattern.compile(ShopApps.TOPICS),
          Duration.ofDays(7), dir, line -> out.println("  discover: " + line));
      out.printf("discover: %d unit(s) from %d topic(s) and %d group(s), drafts in %s%n", found.units().size(),
          found.inventory().topics().size(), found.inventory().groups().size(), dir);
      found.units().forEach(u -> out.printf("  %-20s topics %s, groups %s%n", u.name(), u.topics(), u.groups()));
      requireUnitsMatchApps(found.units());

      ObjectNode campaign = campaignFromDrafts(found, tag);
      String id = campaign.path("name").asText();
      ApiClient.Answer a = api.startCampaign(campaign);
      if (a.status() != 201) {
        throw new IllegalStateException("starting campaign " + id + " failed: HTTP " + a.status() + " " + a.body());
      }
      out.printf("campaign %s started: waves %s%n", id, a.body().path("waves"));
      JsonNode progress = follow(id);

      apps.stopProducingAndDrain();
      return report(id, progress, found, apps, System.currentTimeMillis() - started);
    }
  }

  private static String describe() {
    List<String> apps = new ArrayList<>();
    for (ShopApps.App app : ShopApps.APPS) {
      apps.add(app.producer() + " -> " + app.topic() + " -> " + app.readers().stream().map(ShopApps.Reader::group).toList());
    }
    return String.join("; ", apps);
  }

  /** Discovery must find each service's topic with exactly the groups reading it: a unit per topic here. */
  private static void requireUnitsMatchApps(List<MigrationUnit> units) {
    Set<String> found = new TreeSet<>();
    units.forEach(u -> found.add(u.topics() + " " + new TreeSet<>(u.groups())));
    Set<String> expected = new TreeSet<>();
    ShopApps.APPS.forEach(app -> expected.add(List.of(app.topic()) + " "
        + new TreeSet<>(app.readers().stream().map(ShopApps.Reader::group).toList())));
    if (!found.equals(expected)) {
      throw new IllegalStateException("discover found units " + found + ", but the services make " + expected);
    }
  }

  /**
   * campaign.yaml with each drafted plan inline, edited as the person owning the services would:
   * every client follows its route (the consumers under the client ids discovery saw in their
   * groups, the producers under names only their owners know), the demo's short waits, and names
   * tagged with this run.
   */
  private ObjectNode campaignFromDrafts(Discovery.Result found, String tag) throws Exception {
    ObjectNode campaign = (ObjectNode) YAML.readTree(dir.resolve("campaign.yaml").toFile());
    campaign.put("name", "demo-campaign-" + tag);
    ArrayNode plans = campaign.putArray("plans");
    Map<String, GroupFacts> groups = found.groups();
    for (MigrationUnit unit : found.units()) {
      Path file = dir.resolve(unit.name() + ".yaml");
      ObjectNode plan = (ObjectNode) YAML.readTree(file.toFile());
      plan.put("name", unit.name() + "-" + tag);
      ArrayNode clients = plan.putArray("clients");
      for (String topic : unit.topics()) {
        clients.addObject().put("name", producerOf(topic)).put("role", "producer").put("strategy", "routing");
      }
      for (String group : unit.groups()) {
        Set<String> seen = new HashSet<>();
        for (GroupFacts.Member m : groups.get(group).members()) {
          if (seen.add(m.clientId())) {
            clients.addObject().put("name", m.clientId()).put("role", "consumer").put("consumerGroup", group).put("strategy", "routing");
          }
        }
      }
      plan.set("waits", YAML.readTree(DemoApp.DEMO_WAITS));
      ObjectNode gates = plan.putObject("gates");
      gates.putObject("producer-cutover").put("required", true);
      gates.putObject("consumer-cutover").put("required", true);
      Files.writeString(file, "# Filled in by kmigrate demo --campaign: routing for every client, the demo's waits.\n"
          + YAML.writeValueAsString(plan));
      plans.add(plan);
    }
    ArrayNode waves = campaign.putArray("waves");
    for (JsonNode wave : YAML.readTree(dir.resolve("campaign.yaml").toFile()).path("waves")) {
      ArrayNode tagged = waves.addArray();
      wave.forEach(unit -> tagged.add(unit.asText() + "-" + tag));
    }
    return campaign;
  }

  /** The service writing {@code topic}: Kafka does not record a producer's client id, its owner does. */
  private static String producerOf(String topic) {
    return ShopApps.APPS.stream().filter(a -> a.topic().equals(topic)).findFirst().orElseThrow().producer();
  }

  /** Approves each wave and each unit's gates as they open, until the campaign ends; returns its last progress. */
  private JsonNode follow(String id) throws Exception {
    long deadline = System.currentTimeMillis() + MAX_RUN.toMillis();
    Set<Integer> approvedWaves = new HashSet<>();
    Set<String> approvedGates = new HashSet<>();
    String last = "";
    long lastPrint = 0;
    while (System.currentTimeMillis() < deadline) {
      ApiClient.Answer a = api.campaign(id);
      if (a.status() != 200) {
        Thread.sleep(1000);
        continue;
      }
      JsonNode progress = a.body().path("progress");
      String now = progress.path("status").asText() + " " + unitStatuses(progress);
      if (!now.equals(last) || System.currentTimeMillis() - lastPrint >= 10_000) {
        out.printf("  campaign %s%n", now);
        last = now;
        lastPrint = System.currentTimeMillis();
      }
      if (progress.path("openWave").isInt() && approvedWaves.add(progress.path("openWave").asInt())) {
        int wave = progress.path("openWave").asInt();
        ApiClient.Answer approved = api.approveWave(id, wave, BY, "approved automatically by kmigrate demo --campaign");
        out.printf("  wave %d approved (HTTP %d): %s%n", wave, approved.status(), units(progress.path("waves").path(wave - 1)));
      }
      a.body().path("units").fields().forEachRemaining(u -> {
        JsonNode gate = u.getValue().path("openGate");
        if (gate.isTextual() && approvedGates.add(u.getKey() + " " + gate.asText())) {
          ApiClient.Answer d = api.decide(u.getKey(), gate.asText(), true, BY, "approved automatically by kmigrate demo --campaign");
          out.printf("  %s: gate %s approved (HTTP %d)%n", u.getKey(), gate.asText(), d.status());
        }
      });
      if (!"RUNNING".equals(progress.path("status").asText()) && !"WAITING_FOR_APPROVAL".equals(progress.path("status").asText())) {
        return progress;
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("campaign " + id + " did not end within " + MAX_RUN);
  }

  private static List<String> units(JsonNode wave) {
    List<String> names = new ArrayList<>();
    wave.forEach(u -> names.add(u.path("unit").asText()));
    return names;
  }

  private static String unitStatuses(JsonNode progress) {
    List<String> units = new ArrayList<>();
    progress.path("waves").forEach(w -> w.forEach(u -> units.add(u.path("unit").asText() + "=" + u.path("status").asText())));
    return String.join(" ", units);
  }

  private static CampaignReport report(String id, JsonNode progress, Discovery.Result found, ShopApps apps, long durationMs) {
    List<CampaignReport.Unit> units = new ArrayList<>();
    List<List<String>> waves = new ArrayList<>();
    long produced = 0;
    long consumed = 0;
    long lost = 0;
    int wave = 0;
    for (JsonNode w : progress.path("waves")) {
      wave++;
      waves.add(units(w));
      for (JsonNode u : w) {
        MigrationUnit unit = found.units().stream().filter(f -> u.path("unit").asText().startsWith(f.name() + "-")).findFirst().orElseThrow();
        List<CampaignReport.Group> groups = new ArrayList<>();
        for (String group : unit.groups()) {
          DeliveryLedger l = apps.ledger(group);
          groups.add(new CampaignReport.Group(group, unit.topics().get(0), l.produced(), l.consumed(), l.lost(), l.duplicates(), l.outOfOrder()));
          consumed += l.consumed();
          lost += l.lost();
        }
        // A topic's records are counted once, however many groups read them.
        produced += groups.stream().mapToLong(CampaignReport.Group::produced).max().orElse(0);
        units.add(new CampaignReport.Unit(u.path("unit").asText(), wave, u.path("scheme").asText(), u.path("status").asText(),
            u.hasNonNull("detail") ? u.path("detail").asText() : null, unit.topics(), groups));
      }
    }
    return new CampaignReport(id, progress.path("status").asText(), waves,
        new CampaignReport.Discovered(found.dir().toString(), found.inventory().topics().size(), found.inventory().groups().size(),
            found.units().size(), found.needsPerson()),
        units, produced, consumed, lost, durationMs);
  }
}
