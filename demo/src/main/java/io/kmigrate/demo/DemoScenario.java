package io.kmigrate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.activities.store.ClientRoute;
import io.kmigrate.activities.store.RouteStore;
import io.kmigrate.localstack.LocalSecurity;
import io.kmigrate.worker.KmigrateRuntime;
import io.kmigrate.workflows.MigrationReport;
import io.kmigrate.workflows.MirrorOutcome;
import io.kmigrate.workflows.contract.AclCopyReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo: a real application (a keyed producer and a consumer group) on the local source
 * cluster moves to the local target under the chosen scheme, steered through the REST API, and
 * the ledger proves what was lost, duplicated or reordered. With mirror-then-switch the source
 * first receives history for MirrorMaker 2 to copy.
 */
public final class DemoScenario {
  public static final String TOPIC = "demo.orders";
  public static final String GROUP = "demo-consumers";
  public static final String PRODUCER = "demo-producer";
  public static final String CONSUMER = "demo-consumer";
  /** Scheme production-later: the new consumer instance, started on the target by the workflow. */
  public static final String NEW_CONSUMER = "demo-consumer-target";
  private static final Duration MAX_RUN = Duration.ofMinutes(5);
  private static final DemoApp APP = new DemoApp(TOPIC, GROUP, PRODUCER, CONSUMER, NEW_CONSUMER);
  /**
   * {@code --secure}: the users of both local clusters. kmigrate logs in as its super user; the
   * sample producer and consumers as their own principals, allowed on the source by ACLs that
   * the migration carries over to the target.
   */
  public static final LocalSecurity SECURITY = LocalSecurity.withUsers(PRODUCER, CONSUMER);

  /** How the demo runs: auto-approve or ask, and the producers' rate (all instances together) and number. */
  public record Options(
      String scheme, boolean autoApprove, int ratePerSec, int producers, int keys, String abortAfter, String strategy,
      int history, boolean mirror, boolean transactional, String groupProtocol, boolean secure) {
    boolean webhook() {
      return "webhook".equals(strategy);
    }

    /** Strategy {@code mixed}: the producer by the routing API, the consumers by webhook. */
    boolean mixed() {
      return MIXED.equals(strategy);
    }
  }

  /** {@code --strategy mixed}: producer through the routing API, consumers through webhooks. */
  public static final String MIXED = "mixed";

  /** {@code --abort-after} value: abort once the producers were verified on the target. */
  public static final String AFTER_PRODUCERS_MOVED = "producers-moved";

  private final KmigrateRuntime runtime;
  private final ApiClient api;
  private final String apiBase;
  private final Options options;
  private final PrintStream out;
  private final BufferedReader in;
  private final DemoDeploySystem deploy;
  private ChildWorker childWorker;

  /** @param deploy the demo's deploy system, for strategies webhook and mixed (the caller owns it); else null */
  public DemoScenario(KmigrateRuntime runtime, String apiBase, Options options, DemoDeploySystem deploy, PrintStream out, BufferedReader in) {
    this.runtime = runtime;
    this.deploy = deploy;
    this.api = new ApiClient(apiBase);
    this.apiBase = apiBase;
    this.options = options;
    this.out = out;
    this.in = in;
  }

  /**
   * {@code --chaos kill-worker}: the migration runs on this child worker, which is killed at three
   * points and restarted (see {@link WorkerChaos}).
   */
  public DemoScenario withKilledWorker(ChildWorker worker) {
    this.childWorker = worker;
    return this;
  }

  public DemoReport run() throws Exception {
    long started = System.currentTimeMillis();
    String sourceServers = runtime.clusters().config("source").bootstrapServers();
    APP.createTopic(runtime.clusters().admin("source"), 6);
    RouteStore routes = new RouteStore(runtime.database());
    routes.point(PRODUCER, "source", sourceServers);
    routes.point(CONSUMER, "source", sourceServers);
    if (later()) {
      routes.stop(NEW_CONSUMER, "target"); // idle until the workflow starts it on the target
    }

    if (options.secure()) {
      DemoGrants.onSource(runtime.clusters().admin("source"), TOPIC, GROUP, principal(PRODUCER), PRODUCER + "-", principal(CONSUMER));
      out.printf("secured clusters: SASL/SCRAM, StandardAuthorizer; on source %s may write %s* (and transactional ids %s-*), %s may read %s in group %s%n",
          principal(PRODUCER), "demo.", PRODUCER, principal(CONSUMER), TOPIC, GROUP);
    }
    DeliveryLedger ledger = new DeliveryLedger();
    if (mirrored()) {
      long at = System.currentTimeMillis();
      HistoryWriter.write(sourceServers, TOPIC, options.history(), options.keys(), ledger, options.transactional(),
          options.secure() ? SECURITY.adminProperties() : Map.of());
      out.printf("wrote %d history record(s) to %s on source in %d ms, for MirrorMaker 2 to copy%n",
          options.history(), TOPIC, System.currentTimeMillis() - at);
      // The group has read none of it yet: its backlog is what the mirror must carry over.
      APP.commitAtLogStart(runtime.clusters().admin("source"));
    }
    if ((options.webhook() || options.mixed()) && deploy == null) {
      throw new IllegalStateException("strategy " + options.strategy() + " needs the demo's deploy system");
    }
    SideEffects.Counter sideEffects = new SideEffects.Counter(runtime.clusters().admin("target"), routes, List.of(TOPIC),
        clients().stream().filter(c -> !webhookFor(c)).toList(), deploy);
    SampleConsumer consumer = new SampleConsumer(CONSUMER, routes(CONSUMER, "source", sourceServers), TOPIC, GROUP, ledger);
    SampleConsumer newConsumer = new SampleConsumer(NEW_CONSUMER, routes(NEW_CONSUMER, "target", ""), TOPIC, GROUP, ledger);
    if (options.transactional()) {
      consumer.readingCommitted();
      newConsumer.readingCommitted();
    }
    consumer.onGroupProtocol(options.groupProtocol());
    newConsumer.onGroupProtocol(options.groupProtocol());
    if (options.secure()) {
      consumer.withClientProperties(SECURITY.clientProperties(CONSUMER));
      newConsumer.withClientProperties(SECURITY.clientProperties(CONSUMER));
    }
    Thread newConsumerThread = new Thread(newConsumer, "demo-consumer-target");
    List<SampleProducer> producers = SampleProducer.replicas(
        options.producers(), routes(PRODUCER, "source", sourceServers), TOPIC, options.keys(), options.ratePerSec(), ledger);
    if (options.transactional()) {
      producers.forEach(SampleProducer::inTransactions);
    }
    if (options.secure()) {
      producers.forEach(p -> p.withClientProperties(SECURITY.clientProperties(PRODUCER)));
    }
    Thread consumerThread = new Thread(consumer, "demo-consumer");
    List<Thread> producerThreads = new ArrayList<>();
    for (int i = 0; i < producers.size(); i++) {
      producerThreads.add(new Thread(producers.get(i), "demo-producer-" + i));
    }
    consumerThread.start();
    if (later()) {
      newConsumerThread.start();
    }
    try {
      if (!consumer.awaitAssigned(Duration.ofSeconds(60))) {
        throw new IllegalStateException("the sample consumer got no partitions within 60 s");
      }
      producerThreads.forEach(Thread::start);
      out.printf("sample app running on source: %d producer(s), %d msg/s in all over %d keys -> %s -> group %s%n",
          producers.size(), options.ratePerSec(), options.keys(), TOPIC, GROUP);
      Thread.sleep(2000); // let the group commit on the source, so preflight finds it

      String id = "demo-" + options.scheme();
      ApiClient.Answer startAnswer = api.startMigration(plan(id));
      if (startAnswer.status() != 201) {
        throw new IllegalStateException("starting the migration failed: " + startAnswer.status() + " " + startAnswer.body());
      }
      out.printf("started %s (POST /api/v1/migrations -> 201, workflow id %s)%n", options.scheme(), id);
      WorkerChaos chaos = childWorker == null ? null : startChaos(id, sideEffects);
      JsonNode view;
      try {
        view = follow(id, ledger, producers.get(0), later() ? List.of(consumer, newConsumer) : List.of(consumer));
      } finally {
        if (chaos != null) {
          chaos.stop();
        }
      }
      if (chaos != null) {
        chaos.kills().forEach(k -> out.printf("  worker killed at %-14s %s pid %d -> restarted pid %d, %d ms without a worker: %s%n",
            k.point(), k.at(), k.killedPid(), k.restartedPid(), k.downMs(), k.observed()));
        chaos.failure().ifPresent(e -> out.println("  chaos stopped early: " + e));
      }

      stopAll(producers, producerThreads);
      JsonNode progress = view.path("progress");
      // After a rollback the records left on the target are reported, not consumed: the apps are
      // back on the source, and the ledger must miss exactly those.
      long stranded = progress.path("rollback").path("strandedTotal").asLong(0);
      long deadline = System.currentTimeMillis() + 30_000;
      while (ledger.lost() > stranded && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
      consumer.stop();
      newConsumer.stop();
      consumerThread.join(30_000);
      newConsumerThread.join(30_000);
      String status = "ABORTED".equals(progress.path("status").asText()) ? "ABORTED" : view.path("workflowStatus").asText();
      return new DemoReport(
          options.scheme(), id, status, ledger.produced(), ledger.consumed(), ledger.lost(), ledger.duplicates(),
          ledger.outOfOrder(), producers.stream().mapToLong(SampleProducer::maxPauseMs).max().orElse(0), System.currentTimeMillis() - started,
          progress.path("steps"), progress.path("decisions"), options.abortAfter(),
          progress.path("rollback").isObject() ? progress.path("rollback") : null,
          deploy == null ? null : new DemoReport.Webhooks(deploy.deliveries(), deploy.applied(), deploy.badSignatures()),
          mirrored() && "COMPLETED".equals(status) ? mirrorReport(id) : null,
          sideEffects.count(), chaos == null ? null : SideEffects.oncePerStep(1, (int) clients().stream().filter(c -> !webhookFor(c)).count(),
              (int) clients().stream().filter(this::webhookFor).count()),
          chaos == null ? null : chaos.kills(), childWorker == null ? null : childWorker.log().toString(),
          DemoReport.CutoverPause.of(producers.size(), options.ratePerSec(),
              producers.stream().flatMap(p -> p.cutovers().stream()).toList()),
          options.transactional() ? new DemoReport.Transactions(ledger.abortedSent(), ledger.abortedConsumed()) : null,
          options.secure() && "COMPLETED".equals(status) ? securityReport(id) : null);
    } finally {
      stopAll(producers, producerThreads);
      consumer.stop();
      newConsumer.stop();
      consumerThread.join(30_000);
      newConsumerThread.join(30_000);
    }
  }

  private static void stopAll(List<SampleProducer> producers, List<Thread> threads) throws InterruptedException {
    producers.forEach(SampleProducer::stop);
    for (Thread t : threads) {
      t.join(30_000);
    }
  }

  /** Kills the child worker at the three points; a consumer's webhook is answered only after the kill. */
  private WorkerChaos startChaos(String id, SideEffects.Counter sideEffects) {
    RouteStore routes = new RouteStore(runtime.database());
    long consumerVersion = routes.find(CONSUMER).map(ClientRoute::version).orElse(0L);
    WorkerChaos chaos = new WorkerChaos(childWorker, runtime.temporal().service(), runtime.temporal().client().getOptions().getNamespace(), id,
        sideEffects::allTopicsOnTarget,
        () -> !webhookFor(CONSUMER) && routes.find(CONSUMER).map(ClientRoute::version).orElse(0L) > consumerVersion);
    if (deploy != null) {
      deploy.onApplied(client -> {
        if (client.equals(CONSUMER)) {
          chaos.consumerRepointApplied();
        }
      });
    }
    Thread t = new Thread(chaos, "demo-worker-chaos");
    t.setDaemon(true);
    t.start();
    return chaos;
  }

  /** Prints progress until the workflow closes, deciding gates on the way. */
  private JsonNode follow(String id, DeliveryLedger ledger, SampleProducer producer, List<SampleConsumer> consumers) throws Exception {
    long deadline = System.currentTimeMillis() + MAX_RUN.toMillis();
    boolean aborted = false;
    long lastProduced = 0;
    long lastPrint = 0;
    while (System.currentTimeMillis() < deadline) {
      ApiClient.Answer answer = api.migration(id);
      if (answer.status() == 503 || answer.status() == 504) {
        // No worker answers the progress query (one was just killed): Temporal keeps the migration.
        out.printf("  (progress unavailable: %s)%n", answer.body().path("message").asText());
        Thread.sleep(300);
        continue;
      }
      JsonNode view = answer.body();
      String status = view.path("workflowStatus").asText();
      JsonNode progress = view.path("progress");
      JsonNode gate = progress.path("openGate");
      long now = System.currentTimeMillis();
      if (now - lastPrint >= 1000 || !gate.isMissingNode() && !gate.isNull()) {
        long produced = ledger.produced();
        JsonNode eta = view.path("liveWait").path("eta");
        out.printf("  %-20s lag %-6s produced %-6d (+%d/s) consumed %-6d producer->%s consumer->%s%s%s%n",
            progress.path("phase").asText(), lag(view), produced, lastPrint == 0 ? 0 : (produced - lastProduced) * 1000 / Math.max(1, now - lastPrint),
            ledger.consumed(), producer.cluster(), String.join(",", consumers.stream().map(SampleConsumer::cluster).toList()),
            eta.isObject() ? "  eta " + (eta.path("etaSeconds").isNumber() ? eta.path("etaSeconds").asLong() + " s" : "not draining") : "",
            gate.isObject() ? "  gate: " + gate.path("name").asText() : "");
        lastProduced = produced;
        lastPrint = now;
      }
      if (!"RUNNING".equals(status)) {
        out.printf("workflow %s: %s%n", id, status);
        return view;
      }
      if (gate.isObject()) {
        decide(id, gate);
      }
      if (!aborted && AFTER_PRODUCERS_MOVED.equals(options.abortAfter()) && stepDone(progress, "verify-producers")) {
        ApiClient.Answer a = api.abort(id, "demo", "kmigrate demo --abort-after " + options.abortAfter());
        out.printf("  abort requested after producers moved (HTTP %d): %s%n", a.status(), a.body().path("result").asText());
        aborted = true;
      }
      Thread.sleep(300);
    }
    throw new IllegalStateException("the migration did not finish within " + MAX_RUN);
  }

  private void decide(String id, JsonNode gate) throws IOException {
    String name = gate.path("name").asText();
    boolean approve = true;
    if (!options.autoApprove()) {
      out.printf("gate %s: %s%n  approve = %s, reject = %s%n  approve? [y/N] ",
          name, gate.path("question").asText(), gate.path("approveMeans").asText(), gate.path("rejectMeans").asText());
      out.flush();
      String line = in.readLine();
      approve = line != null && line.trim().toLowerCase(Locale.ROOT).startsWith("y");
    }
    ApiClient.Answer a = api.decide(id, name, approve, approve && options.autoApprove() ? "demo-auto" : System.getProperty("user.name", "operator"),
        options.autoApprove() ? "approved automatically by kmigrate demo" : "answered at the terminal");
    out.printf("  gate %s %s (HTTP %d)%s%n", name, approve ? "approved" : "rejected", a.status(),
        options.autoApprove() ? ": " + gate.path("question").asText() : "");
  }

  static boolean stepDone(JsonNode progress, String step) {
    for (JsonNode s : progress.path("steps")) {
      if (step.equals(s.path("name").asText()) && "done".equals(s.path("status").asText())) {
        return true;
      }
    }
    return false;
  }

  private static String lag(JsonNode view) {
    JsonNode live = view.path("liveWait").path("last");
    JsonNode snapshot = live.isObject() ? live : view.path("progress").path("lastLag");
    if (!snapshot.isObject()) {
      return "-";
    }
    // The snapshot lists only its worst partitions; omittedLag counts the rest.
    long total = snapshot.path("omittedLag").asLong();
    for (JsonNode p : snapshot.path("partitions")) {
      total += p.path("lag").asLong();
    }
    return Long.toString(total);
  }

  /** How a sample client learns its route: the routing API, or the demo's deploy system. */
  private RouteSource routes(String client, String cluster, String servers) {
    return webhookFor(client) ? deploy.client(client, cluster, servers) : new RouteClient(apiBase, client);
  }

  private String strategy(String client) {
    String strategy = webhookFor(client) ? "strategy: webhook, webhook: {url: '" + deploy.url(client) + "'}" : "strategy: routing";
    if (!options.secure()) {
      return strategy;
    }
    // Each client names the principal it logs in as; the producer its transactional ids too.
    return strategy + ", principal: '" + principal(client) + "'" + (client.equals(PRODUCER) ? ", transactionalIdPrefix: " + PRODUCER + "-" : "");
  }

  /** The principal a sample client logs in as: the replacement consumer is the same application as the old one. */
  private static String principal(String client) {
    return "User:" + (client.equals(PRODUCER) ? PRODUCER : CONSUMER);
  }

  /** What the migration carried over (its own prepare report) and who can log in to the target now. */
  private DemoReport.Security securityReport(String id) throws Exception {
    AclCopyReport acls = runtime.temporal().client().newUntypedWorkflowStub(id).getResult(MigrationReport.class).prepared().acls();
    List<String> principals = List.of(principal(PRODUCER), principal(CONSUMER));
    Map<String, ?> users = runtime.clusters().admin("target").describeUserScramCredentials().all().get();
    List<String> missing = principals.stream().filter(p -> !users.containsKey(p.substring("User:".length()))).toList();
    return new DemoReport.Security(new DemoReport.Security.Acls(acls.createdTotal(), acls.alreadyThere(), acls.conflicts().size()),
        new DemoReport.Security.Principals(principals.size(), missing));
  }

  private boolean webhookFor(String client) {
    return options.webhook() || options.mixed() && !client.equals(PRODUCER);
  }

  /** The plan's clients. */
  private List<String> clients() {
    return later() ? List.of(PRODUCER, CONSUMER, NEW_CONSUMER) : List.of(PRODUCER, CONSUMER);
  }

  /** The workflow's own account of the mirror: copy verification, rate, fence, translation. */
  private DemoReport.Mirror mirrorReport(String id) {
    MirrorOutcome m = runtime.temporal().client().newUntypedWorkflowStub(id).getResult(MigrationReport.class).mirror();
    if (m == null || m.copy() == null) {
      // Not verified is not equal: the demo's promise fails.
      return new DemoReport.Mirror(0, 0, false, 0, 0, m == null ? -1 : m.fenceMs(), "copy not verified",
          m == null || m.translation() == null ? null : m.translation().exactSummary());
    }
    long rate = m.caughtUp() == null || m.caughtUp().backlogMs() <= 0 ? 0 : m.caughtUp().backlogOffsets() * 1000 / m.caughtUp().backlogMs();
    return new DemoReport.Mirror(m.copy().sourceRecords(), m.copy().targetRecords(), m.copy().checksumsMatch(), m.copy().bytes(),
        rate, m.fenceMs(), m.translation() == null ? null : m.translation().summary(),
        m.translation() == null ? null : m.translation().exactSummary());
  }

  private boolean mirrored() {
    return options.mirror() || "mirror-then-switch".equals(options.scheme());
  }

  private boolean later() {
    return "production-later".equals(options.scheme());
  }

  private String plan(String id) {
    return APP.plan(id, options.scheme(), this::strategy, mirrored());
  }
}
