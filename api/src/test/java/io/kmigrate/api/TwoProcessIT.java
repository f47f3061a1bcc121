package io.kmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmigrate.localstack.LocalKafkaCluster;
import io.kmigrate.localstack.LocalTraffic;
import io.kmigrate.localstack.Ports;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The production layout on one machine: Temporal (its Java test server) as a process of its own,
 * {@code kmigrate server --no-worker} and {@code kmigrate worker} from the packaged jar as two
 * more, sharing one PostgreSQL store, two real brokers. One production-first migration runs end to
 * end through the API process's REST API, its two gates approved there.
 *
 * <p>That the API process runs no worker is shown twice, from Temporal's own record: the
 * migration, started through the API while no worker process exists yet, gets no workflow task
 * picked up (a poller takes one within milliseconds); and once it completed, every workflow and
 * activity task in its history was started by the worker process's identity ({@code pid@host},
 * the SDK's default), while the start itself carries the API process's.
 *
 * <p>Needs PostgreSQL at 127.0.0.1:5432 (database test, user postgres, trust auth; override with
 * KMIGRATE_TEST_PG_URL / KMIGRATE_TEST_PG_USER, as PostgresStoreTest does); skipped without it. The
 * store lives in a fresh schema, dropped afterwards.
 */
class TwoProcessIT {
  static final String PG_URL = System.getenv().getOrDefault("KMIGRATE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String PG_USER = System.getenv().getOrDefault("KMIGRATE_TEST_PG_USER", "postgres");
  static final Path TARGET = Path.of("target").toAbsolutePath();
  static final Path WORK = TARGET.resolve("two-process");
  /** Jetty's line for a started connector: "Started application@1a2b{HTTP/1.1, (http/1.1)}{127.0.0.1:41234}". */
  static final Pattern API_PORT = Pattern.compile("Started application@\\w+\\{[^}]*\\}\\{[^}]*:(\\d+)\\}");
  static final Pattern ADMIN_PORT = Pattern.compile("Started admin@\\w+\\{[^}]*\\}\\{[^}]*:(\\d+)\\}");
  static final String MIGRATION = "two-process-move";
  static final String TOPIC = "two-process.orders";

  /** The API process requires tokens (beside a real Temporal it must); the test is one user who operates and approves. */
  static final String TOKEN = token();
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Everything started, stopped newest first by {@link #stopEverything()}. */
  static final Deque<AutoCloseable> started = new ArrayDeque<>();
  /** Every child process, also killed by a shutdown hook should the test JVM be stopped before @AfterAll. */
  static final List<Process> processes = new ArrayList<>();
  /** Ports our processes listened on: each must be free again after the stop. */
  static final Set<Integer> ports = new LinkedHashSet<>();

  @BeforeAll
  static void quietAndKillOnExit() {
    // This JVM only drives the processes: its own Kafka and gRPC clients need not log at DEBUG.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.forEach(Process::destroyForcibly), "two-process-it-kill"));
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void theApiWithoutAWorkerAndAWorkerProcessRunAMigrationEndToEndAgainstOneTemporal() throws Exception {
    postgresAnswers();
    long t0 = System.nanoTime();
    Path jar = TARGET.resolve("kmigrate.jar");
    assertThat(jar).as("the packaged jar (mvn package)").exists();
    Files.createDirectories(WORK);

    // Brokers first: they take longest, and launch() does not wait.
    LocalKafkaCluster source = own(LocalKafkaCluster.launch("source", 0, WORK));
    LocalKafkaCluster target = own(LocalKafkaCluster.launch("target", 0, WORK));
    ports.add(source.port());
    ports.add(target.port());

    // Temporal's Java test server, a process of its own (real time: no time skipping).
    int temporalPort = Ports.free();
    ports.add(temporalPort);
    Path quietLogback = WORK.resolve("temporal-logback.xml");
    Files.writeString(quietLogback,
        "<configuration><appender name=\"O\" class=\"ch.qos.logback.core.ConsoleAppender\"><encoder>"
            + "<pattern>%d %-5level %logger{30} - %msg%n</pattern></encoder></appender>"
            + "<root level=\"WARN\"><appender-ref ref=\"O\"/></root></configuration>");
    Process temporal = start("temporal", List.of(java(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dlogback.configurationFile=" + quietLogback, "-cp", System.getProperty("java.class.path"),
        "io.temporal.testserver.TestServer", Integer.toString(temporalPort)));

    // The API alone, no worker in its process, started at once: it opens the store (migrating the
    // fresh schema) but reaches Temporal and the brokers lazily, so its JVM boots while they come up.
    String schema = freshSchema();
    Path config = WORK.resolve("kmigrate.yml");
    Files.writeString(WORK.resolve("api.token"), TOKEN);
    int workerMetricsPort = Ports.free();
    ports.add(workerMetricsPort);
    Files.writeString(config, config(temporalPort, schema, source, target) + "prometheus: {workerPort: " + workerMetricsPort + "}\n");
    Process api = start("api", kmigrate(jar, "server", "--no-worker", config.toString()));

    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).build());
    own(() -> {
      service.shutdownNow();
      service.awaitTermination(5, TimeUnit.SECONDS);
    });
    awaitTemporal(service, temporal);
    WorkflowClient client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    source.awaitReady();
    target.awaitReady();
    log("Temporal on " + temporalPort + ", brokers " + source.bootstrapServers() + " / " + target.bootstrapServers()
        + ", store schema " + schema, t0);
    createTopicWithRecords(source);
    int apiPort = awaitPort(api, logFile("api"), API_PORT);
    ports.add(apiPort);
    int adminPort = awaitPort(api, logFile("api"), ADMIN_PORT);
    ports.add(adminPort);
    String base = "http://127.0.0.1:" + apiPort + "/api/v1";
    log("API process " + api.pid() + " on " + apiPort, t0);
    HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/migrations")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as("GET /migrations without a token: " + anonymous.body()).isEqualTo(401);

    HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/migrations"))
        .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(plan())));
    assertThat(created.statusCode()).as("POST /migrations: " + created.body()).isEqualTo(201);
    assertThat(JSON.readTree(created.body()).path("id").asText()).isEqualTo(MIGRATION);

    // No worker process yet: had the API process a worker, it would pick up the first workflow
    // task within milliseconds. Three seconds later nobody has.
    Thread.sleep(3000);
    List<HistoryEvent> before = client.fetchHistory(MIGRATION).getHistory().getEventsList();
    assertThat(before).extracting(HistoryEvent::getEventType)
        .as("history while only the API process runs")
        .contains(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED)
        .doesNotContain(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
    log("no workflow task taken while only the API process runs (" + before.size() + " events)", t0);

    Process worker = start("worker", kmigrate(jar, "worker", config.toString()));
    awaitLine(worker, logFile("worker"), "kmigrate worker polling task queue kmigrate", Duration.ofSeconds(90));
    log("worker process " + worker.pid() + " polling", t0);

    JsonNode view = runToCompletion(base, Duration.ofMinutes(3));
    log("migration COMPLETED", t0);

    JsonNode progress = view.path("progress");
    assertThat(progress.path("steps").findValuesAsText("name")).containsSubsequence(
        "preflight", "prepare-target", "repoint-producers", "verify-producers", "drain-source", "repoint-consumers",
        "verify-consumers");
    assertThat(progress.path("steps").findValuesAsText("status")).containsOnly("done");
    assertThat(progress.path("decisions").findValuesAsText("gate")).containsExactly("producer-cutover", "consumer-cutover");
    // Written by the worker's activities into the shared store, read by the API process.
    assertThat(view.path("audit").findValuesAsText("gate")).contains("producer-cutover", "consumer-cutover");
    // The token's user, not a name in the request body.
    assertThat(view.path("audit").findValuesAsText("by")).contains("two-process-it").doesNotContain("api");
    JsonNode record = null;
    for (JsonNode m : JSON.readTree(get(base + "/migrations").body())) {
      if (MIGRATION.equals(m.path("id").asText())) {
        record = m;
      }
    }
    assertThat(record).as("the migration's record in GET /migrations").isNotNull();
    assertThat(record.path("status").asText()).isEqualTo("COMPLETED");
    JsonNode route = JSON.readTree(get(base + "/routes/orders-api").body());
    assertThat(route.path("cluster").asText()).isEqualTo("target");
    assertThat(route.path("bootstrapServers").asText()).isEqualTo(target.bootstrapServers());
    try (Admin admin = admin(target)) {
      TopicDescription moved = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC);
      assertThat(moved.partitions()).as("the topic prepared on the target").hasSize(3);
    }

    // Temporal's record of who did what: the API process started it, the worker process ran every task.
    List<HistoryEvent> history = client.fetchHistory(MIGRATION).getHistory().getEventsList();
    String apiIdentity = history.get(0).getWorkflowExecutionStartedEventAttributes().getIdentity();
    assertThat(apiIdentity).as("identity of the start").startsWith(api.pid() + "@");
    List<String> taskIdentities = new ArrayList<>();
    for (HistoryEvent e : history) {
      if (e.hasWorkflowTaskStartedEventAttributes()) {
        taskIdentities.add(e.getWorkflowTaskStartedEventAttributes().getIdentity());
      } else if (e.hasActivityTaskStartedEventAttributes()) {
        taskIdentities.add(e.getActivityTaskStartedEventAttributes().getIdentity());
      }
    }
    assertThat(taskIdentities).as("identities that started workflow and activity tasks").isNotEmpty()
        .allSatisfy(id -> assertThat(id).startsWith(worker.pid() + "@"));
    log("history: started by " + apiIdentity + ", " + taskIdentities.size() + " tasks all by " + taskIdentities.get(0), t0);

    // Metrics: the worker process serves what its workflows and activities measured (its plan has
    // no consumer groups, so no lag), the API process counts migrations by phase.
    PrometheusText fromWorker = PrometheusText.await("http://127.0.0.1:" + workerMetricsPort + "/metrics",
        m -> m.value("temporal_workflow_completed_total", Map.of("workflow_type", "ProductionFirstMigration")).isPresent());
    for (String gate : List.of("producer-cutover", "consumer-cutover")) {
      assertThat(fromWorker.value("kmigrate_gate_wait_seconds_count", Map.of("gate", gate, "decision", "approved"))).as(gate).contains(1.0);
    }
    assertThat(fromWorker.value("kmigrate_repoint_duration_seconds_count", Map.of("kind", "producers", "strategy", "routing"))).contains(1.0);
    assertThat(fromWorker.value("temporal_workflow_completed_total", Map.of("workflow_type", "ProductionFirstMigration"))).contains(1.0);
    PrometheusText fromApi = PrometheusText.await("http://127.0.0.1:" + adminPort + "/metrics",
        m -> m.value("kmigrate_migrations", Map.of("phase", "completed")).isPresent());
    assertThat(fromApi.value("kmigrate_migrations", Map.of("phase", "completed"))).contains(1.0);
    assertThat(fromApi.find("temporal_request_total", Map.of("operation", "StartWorkflowExecution"))).isNotEmpty();
    log("metrics: worker on " + workerMetricsPort + ", API on admin " + adminPort, t0);
  }

  /**
   * Skips the test, saying why, without PostgreSQL. Checked in the test rather than in @BeforeAll:
   * surefire/failsafe report a class aborted there as "Tests run: 0" without the reason.
   */
  static void postgresAnswers() {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
      Assumptions.assumeTrue(c.isValid(5), "PostgreSQL at " + PG_URL + " does not answer");
    } catch (SQLException e) {
      String why = "no PostgreSQL at " + PG_URL + " (" + e.getMessage()
          + "): the API and worker processes share a PostgreSQL store; start it, or set KMIGRATE_TEST_PG_URL";
      System.out.println("two-process: skipped: " + why);
      Assumptions.abort(why);
    }
  }

  /** Polls the migration, approving each cutover gate through the API when it opens, until it completed. */
  static JsonNode runToCompletion(String base, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<String> approved = new LinkedHashSet<>();
    String last = "(no answer yet)";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = get(base + "/migrations/" + MIGRATION);
      last = r.statusCode() + " " + r.body();
      if (r.statusCode() == 200) {
        JsonNode view = JSON.readTree(r.body());
        String status = view.path("workflowStatus").asText();
        if ("COMPLETED".equals(status)) {
          return view;
        }
        assertThat(status).as("workflow status: " + r.body()).isEqualTo("RUNNING");
        String gate = view.path("progress").path("openGate").path("name").asText("");
        if (!gate.isEmpty() && approved.add(gate)) {
          assertThat(gate).as("open gate: " + r.body()).isIn("producer-cutover", "consumer-cutover");
          HttpResponse<String> a = send(HttpRequest.newBuilder(URI.create(base + "/migrations/" + MIGRATION + "/gates/" + gate + "/approve"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"comment\": \"approved through the API process\"}")));
          assertThat(a.statusCode()).as("approve " + gate + ": " + a.body()).isEqualTo(200);
          continue;
        }
      }
      Thread.sleep(300);
    }
    throw new AssertionError("migration not COMPLETED within " + timeout + "; last GET: " + last
        + "\n--- worker log ---\n" + tail(logFile("worker")) + "\n--- api log ---\n" + tail(logFile("api")));
  }

  static String token() {
    byte[] random = new byte[24];
    new java.security.SecureRandom().nextBytes(random);
    return java.util.HexFormat.of().formatHex(random);
  }

  static String plan() {
    return String.join("\n",
        "name: " + MIGRATION,
        "scheme: production-first",
        "source: source",
        "target: target",
        "topics: [" + TOPIC + "]",
        // An idle application: its producer wrote before the migration and writes no more, no consumer groups.
        "clients:",
        "  - {name: orders-api, role: producer, strategy: routing}",
        "gates:",
        "  producer-cutover: {required: true}",
        "  consumer-cutover: {required: true}",
        "waits: {pollInterval: 300ms, stableFor: 1s, maxWait: 10m, stallAfter: 2s}",
        "");
  }

  static String config(int temporalPort, String schema, LocalKafkaCluster source, LocalKafkaCluster target) {
    String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return String.join("\n",
        "temporal: {address: \"127.0.0.1:" + temporalPort + "\", namespace: default}",
        "database: {url: \"" + url + "\", user: \"" + PG_USER + "\", password: \"\"}",
        "dataDir: \"" + WORK.resolve("data") + "\"",
        "clusters:",
        "  source: {bootstrapServers: \"" + source.bootstrapServers() + "\"}",
        "  target: {bootstrapServers: \"" + target.bootstrapServers() + "\"}",
        "auth:",
        "  users: [{name: two-process-it, token: \"${file:" + WORK.resolve("api.token") + "}\", roles: [operator, approver]}]",
        // Port 0: the API process binds a free port itself and the test reads it from Jetty's log line.
        "server:",
        "  applicationConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]",
        "  adminConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]",
        "logging: {level: INFO}",
        "");
  }

  static void createTopicWithRecords(LocalKafkaCluster source) throws Exception {
    try (Admin admin = admin(source)) {
      LocalTraffic.createTopic(admin, TOPIC, 3, Map.of());
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, source.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < 30; i++) {
        producer.send(new ProducerRecord<>(TOPIC, "key-" + (i % 6), "order-" + i));
      }
      producer.flush();
    }
  }

  static Admin admin(LocalKafkaCluster cluster) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
  }

  static String freshSchema() throws SQLException {
    String schema = "kmigrate_two_process_" + System.nanoTime();
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
      c.createStatement().execute("create schema " + schema);
    }
    own(() -> {
      try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
        c.createStatement().execute("drop schema if exists " + schema + " cascade");
      }
    });
    return schema;
  }

  static void awaitTemporal(WorkflowServiceStubs service, Process temporal) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        service.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        return;
      } catch (io.grpc.StatusRuntimeException notYet) {
        if (!temporal.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("the Temporal test server did not answer on gRPC (" + notYet.getStatus() + "):\n" + tail(logFile("temporal")));
        }
        Thread.sleep(200);
      }
    }
  }

  static int awaitPort(Process api, Path log, Pattern connector) throws Exception {
    return Integer.parseInt(awaitMatch(api, log, connector, Duration.ofSeconds(90)).group(1));
  }

  static void awaitLine(Process p, Path log, String line, Duration timeout) throws Exception {
    awaitMatch(p, log, Pattern.compile(Pattern.quote(line)), timeout);
  }

  static Matcher awaitMatch(Process p, Path log, Pattern pattern, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = pattern.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        return m;
      }
      if (!p.isAlive()) {
        throw new AssertionError(log.getFileName() + ": the process exited (" + p.exitValue() + ") before '" + pattern + "':\n" + tail(log));
      }
      Thread.sleep(100);
    }
    throw new AssertionError(log.getFileName() + ": no '" + pattern + "' within " + timeout + ":\n" + tail(log));
  }

  static List<String> kmigrate(Path jar, String... args) {
    List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  static Path logFile(String name) {
    return TARGET.resolve("two-process-" + name + ".log");
  }

  /** Starts a child process, output to target/two-process-NAME.log; stopped (and waited for) after the test. */
  static Process start(String name, List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).directory(TARGET.toFile()).redirectErrorStream(true).redirectOutput(logFile(name).toFile()).start();
    processes.add(p);
    own(() -> stop(p));
    return p;
  }

  /** SIGTERM (each process stops what it runs: Jetty, the worker, the gRPC server), then, after 30 s, SIGKILL. */
  static void stop(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  static <T extends AutoCloseable> T own(T thing) {
    started.push(thing);
    return thing;
  }

  @AfterAll
  static void stopEverything() throws Exception {
    long t0 = System.nanoTime();
    AssertionError failure = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        failure = failure == null ? new AssertionError("stopping what the test started failed") : failure;
        failure.addSuppressed(e);
      }
    }
    List<String> left = new ArrayList<>();
    processes.stream().filter(Process::isAlive).forEach(p -> left.add("process " + p.pid()));
    for (int port : ports) {
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
      } catch (IOException inUse) {
        left.add("port " + port);
      }
    }
    log("stopped everything", t0);
    if (!left.isEmpty()) {
      failure = failure == null ? new AssertionError("left behind: " + left) : failure;
    }
    if (failure != null) {
      throw failure;
    }
  }

  static HttpResponse<String> get(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no " + file.getFileName() + ")";
    }
  }

  static long log(String what, long t0) {
    System.out.printf("two-process: %5.1f s  %s%n", (System.nanoTime() - t0) / 1e9, what);
    return t0;
  }
}
