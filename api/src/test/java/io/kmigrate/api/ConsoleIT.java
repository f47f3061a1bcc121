package io.kmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.kmigrate.worker.KmigrateRuntime;
import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator console in a real browser: the API on the embedded default (in-memory Temporal,
 * two local KRaft clusters, H2) runs a migration to its producer-cutover gate; headless Chromium,
 * driven by {@code src/test/browser/approve-gate.mjs} through playwright-core, opens
 * {@code /console/}, approves the gate with a comment and waits until the page shows the next
 * steps and the live lag of the drain that follows; then a consumer drains the group, and the page's
 * progress bar, ETA and lag chart must move. The screenshot (taken during the drain) stays in
 * {@code target/console/console.png}, the script's output in {@code target/console/approve-gate.log}.
 * A campaign's wave gates are steered the same way by {@code campaign-wave.mjs} (a unit skipped,
 * a wave approved, the campaign stopped at the next): {@code target/console/campaign.png}.
 *
 * <p>Skipped, saying what is missing and how to get it, without Chromium at /usr/bin/chromium,
 * node on the PATH, or playwright-core installed in src/test/browser ({@code npm ci} there).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleIT {
  static final DropwizardAppExtension<KmigrateConfiguration> APP = EmbeddedApp.extension();

  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  static final Path BROWSER_TESTS = Path.of("src/test/browser").toAbsolutePath();
  static final Path OUT = Path.of("target/console").toAbsolutePath();
  static final String MIGRATION = "console-move";
  static final String GATE = "producer-cutover";
  /** The step that follows the producer-cutover gate in production-first. */
  static final String NEXT_STEP = "repoint-producers";
  /** Records beyond TwoProcessIT's 30, so the drain the page shows lasts about half a minute. */
  static final int DRAINED_RECORDS = 6_000;

  static String url(String path) {
    return "http://127.0.0.1:" + APP.getLocalPort() + path;
  }

  static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return TwoProcessIT.send(HttpRequest.newBuilder(URI.create(url(path)))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void theConsoleIsServedAsStaticFilesAtSlashConsole() throws Exception {
    HttpResponse<String> page = TwoProcessIT.get(url("/console/"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("<title>kmigrate console</title>", "console.js", "console.css");

    HttpResponse<String> script = TwoProcessIT.get(url("/console/console.js"));
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    assertThat(script.body()).as("API data reaches the page as text only").doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML");
    HttpResponse<String> campaigns = TwoProcessIT.get(url("/console/campaigns.js"));
    assertThat(campaigns.statusCode()).isEqualTo(200);
    assertThat(campaigns.body()).as("API data reaches the page as text only").doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML");
    assertThat(page.body()).contains("campaigns.js");
    assertThat(TwoProcessIT.get(url("/console/console.css")).statusCode()).isEqualTo(200);
    assertThat(TwoProcessIT.get(url("/console/no-such-file.js")).statusCode()).isEqualTo(404);
    HttpResponse<String> bare = TwoProcessIT.get(url("/console"));
    assertThat(bare.statusCode()).as("/console without its slash").isEqualTo(302);
    assertThat(bare.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void anOperatorApprovesTheOpenGateInChromiumAndThePageShowsTheNextStep() throws Exception {
    String node = browserTestPrerequisites();
    long lag = topicWithRecordsAndAGroupThatReadNone();
    HttpResponse<String> created = post("/api/v1/migrations", "application/yaml", MigrationsResourceTest.plan(MIGRATION, TwoProcessIT.TOPIC));
    assertThat(created.statusCode()).as("POST /migrations: " + created.body()).isEqualTo(201);
    awaitView(v -> GATE.equals(v.path("progress").path("openGate").path("name").asText()), "gate " + GATE + " open");

    Files.createDirectories(OUT);
    Path screenshot = OUT.resolve("console.png");
    Files.deleteIfExists(screenshot);
    Path log = OUT.resolve("approve-gate.log");
    Path drainShown = OUT.resolve("drain-shown");
    Files.deleteIfExists(drainShown);
    AtomicBoolean stop = new AtomicBoolean();
    Thread consumer = consumeOnceShown(drainShown, stop);
    try {
      runScript(node, log, Duration.ofMinutes(2), "approve-gate.mjs", url("/console/"), MIGRATION, GATE, NEXT_STEP, Long.toString(lag),
          screenshot.toString(), drainShown.toString());
    } finally {
      stop.set(true);
      consumer.join(10_000);
    }
    assertThat(screenshot).as("the screenshot").exists();

    // The API's own view: the click reached the workflow, which went past the gate.
    JsonNode view = awaitView(v -> v.path("progress").path("steps").findValuesAsText("name").contains(NEXT_STEP), NEXT_STEP);
    assertThat(view.path("progress").path("steps").findValuesAsText("name")).contains("drain-source");
    JsonNode decision = view.path("progress").path("decisions").get(0);
    assertThat(decision.path("gate").asText()).isEqualTo(GATE);
    assertThat(decision.path("action").asText()).isEqualTo("approved");
    assertThat(decision.path("by").asText()).isEqualTo("console-e2e");
    assertThat(decision.path("comment").asText()).startsWith("change CHG-42 <img");
    assertThat(view.path("progress").path("openGate").path("name").asText()).isNotEqualTo(GATE);
    assertThat(view.path("audit").findValuesAsText("by")).contains("console-e2e");

    // The test is over wherever the drain is: stop the migration here.
    HttpResponse<String> aborted =
        post("/api/v1/migrations/" + MIGRATION + "/abort", "application/json", "{\"by\": \"console-it\", \"reason\": \"test over\"}");
    assertThat(aborted.statusCode()).as("abort: " + aborted.body()).isEqualTo(200);
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void anOperatorSkipsAUnitApprovesAWaveAndStopsTheCampaignInChromium() throws Exception {
    String node = browserTestPrerequisites();
    KmigrateRuntime rt = ((KmigrateApplication) APP.getApplication()).runtime();
    rt.clusters().admin("source").createTopics(List.of(new NewTopic("console.a", 1, (short) 1), new NewTopic("console.b", 1, (short) 1),
        new NewTopic("console.c", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    String campaign = "console-fleet";
    HttpResponse<String> created = post("/api/v1/campaigns", "application/yaml", CampaignsResourceTest.campaign(campaign,
        CampaignsResourceTest.unit(campaign + "-a", "console.a"), CampaignsResourceTest.unit(campaign + "-b", "console.b"),
        CampaignsResourceTest.unit(campaign + "-c", "console.c")));
    assertThat(created.statusCode()).as("POST /campaigns: " + created.body()).isEqualTo(201);

    Files.createDirectories(OUT);
    Path screenshot = OUT.resolve("campaign.png");
    Path log = OUT.resolve("campaign-wave.log");
    runScript(node, log, Duration.ofSeconds(150), "campaign-wave.mjs", url("/console/"), campaign, campaign + "-a", campaign + "-b",
        campaign + "-c", screenshot.toString());

    // The API's own view: the clicks reached the campaign.
    JsonNode progress = TwoProcessIT.JSON.readTree(TwoProcessIT.get(url("/api/v1/campaigns/" + campaign)).body()).path("progress");
    assertThat(progress.path("status").asText()).isEqualTo("STOPPED");
    assertThat(progress.path("waves").get(0).findValuesAsText("status")).containsExactly("SKIPPED", "COMPLETED");
    assertThat(progress.path("waves").get(1).findValuesAsText("status")).containsExactly("NOT_STARTED");
    assertThat(progress.path("decisions").findValuesAsText("by")).containsOnly("console-e2e");
  }

  /**
   * Runs a browser script from {@code src/test/browser} with node, its output in {@code log}, and
   * requires it to end with exit code 0 within {@code limit}. Chromium's processes are the
   * script's children: none outlives the call.
   */
  static void runScript(String node, Path log, Duration limit, String script, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(node, script));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(BROWSER_TESTS.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("CHROMIUM", CHROMIUM.toString());
    long t0 = System.nanoTime();
    Process browser = builder.start();
    boolean ended;
    try {
      ended = browser.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      browser.descendants().forEach(ProcessHandle::destroyForcibly);
      browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String output = Files.readString(log);
    System.out.printf("console: %s took %.1f s:%n%s%n", script, (System.nanoTime() - t0) / 1e9, output);
    assertThat(ended).as(script + " ended within " + limit + ":\n" + output).isTrue();
    assertThat(browser.exitValue()).as(script + "'s exit code:\n" + output).isZero();
  }

  /**
   * The group's consumer, once {@code signal} exists (the page has shown the drain's whole lag):
   * about 200 records a second, committing each batch, until {@code stop}.
   */
  static Thread consumeOnceShown(Path signal, AtomicBoolean stop) {
    KmigrateRuntime rt = ((KmigrateApplication) APP.getApplication()).runtime();
    Thread t = new Thread(() -> {
      try {
        while (!Files.exists(signal)) {
          if (stop.get()) {
            return;
          }
          Thread.sleep(100);
        }
        Properties props = new Properties();
        props.putAll(rt.clusters().clientProperties("source"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, MigrationsResourceTest.GROUP);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "20");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
          c.subscribe(List.of(TwoProcessIT.TOPIC));
          while (!stop.get()) {
            if (!c.poll(Duration.ofMillis(100)).isEmpty()) {
              c.commitSync();
            }
            Thread.sleep(100);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "console-it-consumer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * The source's topic with records, and a consumer group that committed offset 0 everywhere and
   * has no members: its lag, the returned number of records (about 30 s of the test's consumer).
   */
  static long topicWithRecordsAndAGroupThatReadNone() throws Exception {
    KmigrateRuntime rt = ((KmigrateApplication) APP.getApplication()).runtime();
    TwoProcessIT.createTopicWithRecords(rt.localStack().source());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(rt.clusters().clientProperties("source"),
        new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < DRAINED_RECORDS; i++) {
        producer.send(new ProducerRecord<>(TwoProcessIT.TOPIC, "key-" + (i % 6), "more-" + i));
      }
      producer.flush();
    }
    Admin source = rt.clusters().admin("source");
    List<TopicPartition> partitions = source.describeTopics(List.of(TwoProcessIT.TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS)
        .get(TwoProcessIT.TOPIC).partitions().stream().map(p -> new TopicPartition(TwoProcessIT.TOPIC, p.partition())).toList();
    Map<TopicPartition, OffsetAndMetadata> none = new HashMap<>();
    Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
    for (TopicPartition p : partitions) {
      none.put(p, new OffsetAndMetadata(0));
      ends.put(p, OffsetSpec.latest());
    }
    source.alterConsumerGroupOffsets(MigrationsResourceTest.GROUP, none).all().get(30, TimeUnit.SECONDS);
    return source.listOffsets(ends).all().get(30, TimeUnit.SECONDS).values().stream().mapToLong(o -> o.offset()).sum();
  }

  /**
   * The node binary to run; skips the test, naming what is missing and how to install it, when
   * Chromium, node or playwright-core is absent.
   */
  static String browserTestPrerequisites() {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(CHROMIUM)) {
      missing.add("Chromium at " + CHROMIUM + " (apt-get install -y chromium, or set CHROMIUM to its path)");
    }
    Optional<Path> node = onPath("node");
    if (node.isEmpty()) {
      missing.add("node on the PATH (apt-get install -y nodejs npm)");
    }
    if (!Files.isDirectory(BROWSER_TESTS.resolve("node_modules/playwright-core"))) {
      missing.add("the npm package playwright-core in " + BROWSER_TESTS + " (npm ci there)");
    }
    if (!missing.isEmpty()) {
      String why = "the console's browser test needs " + String.join("; ", missing);
      System.out.println("console: skipped: " + why);
      Assumptions.abort(why);
    }
    return node.orElseThrow().toString();
  }

  static Optional<Path> onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static JsonNode awaitView(Predicate<JsonNode> condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = "(no answer yet)";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = TwoProcessIT.get(url("/api/v1/migrations/" + MIGRATION));
      last = r.statusCode() + " " + r.body();
      if (r.statusCode() == 200) {
        JsonNode view = TwoProcessIT.JSON.readTree(r.body());
        if (condition.test(view)) {
          return view;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("migration " + MIGRATION + " never reached " + what + "; last GET: " + last);
  }
}
