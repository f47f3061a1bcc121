package io.kmigrate.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.activities.store.RouteStore;
import io.kmigrate.worker.KmigrateRuntime;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code demo --soak N}: N sample applications, each with its own topic, group and clients, move
 * at once under steady producer load, production-first, production-later and (one in five, its
 * history copied by MirrorMaker 2) mirror-then-switch in turn, with the
 * child worker SIGKILLed once in the middle (when half of them have repointed their producers)
 * and restarted. Every migration must complete with nothing lost.
 */
public final class SoakRun {
  private static final Duration MAX_RUN = Duration.ofMinutes(15);
  private static final int RATE_PER_APP = 20;
  private static final int KEYS = 6;
  private static final int PARTITIONS = 3;
  /** The schemes in turn; one in five mirrors its history with MirrorMaker 2 (on the worker's embedded Connect). */
  private static final List<String> SCHEMES =
      List.of("production-first", "production-later", "production-first", "production-later", "mirror-then-switch");
  private static final int HISTORY = 2_000;
  /** The gates the schemes open on their way; any other (a stalled drain, a copy that differs...) is a finding. */
  private static final Set<String> PLANNED_GATES = Set.of("producer-cutover", "consumer-cutover", "stop-old-consumers");

  private final KmigrateRuntime runtime;
  private final String apiBase;
  private final ApiClient api;
  private final ChildWorker worker;
  private final int count;
  private final PrintStream out;

  /** The outcome: one line per migration, and the kills. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Report(int migrations, int completed, long lost, long produced, long consumed, long durationMs,
      List<WorkerChaos.Kill> workerKills, String workerLog, List<Outcome> outcomes) {
    public boolean promisesHeld() {
      return completed == migrations && lost == 0 && !workerKills.isEmpty() && outcomes.stream().allMatch(o -> o.unplannedGates().isEmpty());
    }

    public String summary() {
      return "soak migrations=" + migrations + " completed=" + completed + " lost=" + lost + " workerKills=" + workerKills.size();
    }
  }

  /** One migration's result, from its own ledger. */
  public record Outcome(String id, String scheme, String status, long produced, long consumed, long lost, long duplicates, long outOfOrder,
      List<String> unplannedGates) {}

  /** One sample app and the migration moving it. */
  private record Migration(String id, String scheme, DemoApp app, DeliveryLedger ledger, SampleProducer producer,
      List<SampleConsumer> consumers, List<Thread> threads, List<String> unplannedGates) {
    boolean mirrored() {
      return "mirror-then-switch".equals(scheme);
    }
  }

  public SoakRun(KmigrateRuntime runtime, String apiBase, ChildWorker worker, int count, PrintStream out) {
    this.runtime = runtime;
    this.apiBase = apiBase;
    this.api = new ApiClient(apiBase);
    this.worker = worker;
    this.count = count;
    this.out = out;
  }

  public Report run() throws Exception {
    long started = System.currentTimeMillis();
    String sourceServers = runtime.clusters().config("source").bootstrapServers();
    RouteStore routes = new RouteStore(runtime.database());
    List<Migration> migrations = new ArrayList<>();
    ExecutorService views = Executors.newFixedThreadPool(4);
    List<WorkerChaos.Kill> kills = new ArrayList<>();
    try {
      for (int i = 1; i <= count; i++) {
        migrations.add(launchApp(i, SCHEMES.get((i - 1) % SCHEMES.size()), sourceServers, routes));
      }
      for (Migration m : migrations) {
        if (!m.consumers().get(0).awaitAssigned(Duration.ofSeconds(90))) {
          throw new IllegalStateException(m.id() + ": the sample consumer got no partitions within 90 s");
        }
        m.threads().get(0).start(); // the producer, once its consumer is in the group
      }
      out.printf("soak: %d sample apps producing %d msg/s each (%d msg/s in all) on source%n", count, RATE_PER_APP, count * RATE_PER_APP);
      Thread.sleep(2000); // let every group commit on the source, so preflight finds it
      for (Migration m : migrations) {
        ApiClient.Answer a = api.startMigration(m.app().plan(m.id(), m.scheme(), client -> "strategy: routing", m.mirrored()));
        if (a.status() != 201) {
          throw new IllegalStateException("starting " + m.id() + " failed: " + a.status() + " " + a.body());
        }
      }
      out.printf("soak: started %d migrations (%s in turn)%n", count, String.join(", ", SCHEMES));
      List<String> statuses = follow(migrations, views, kills);

      migrations.forEach(m -> m.producer().stop());
      for (Migration m : migrations) {
        m.threads().get(0).join(30_000);
      }
      long deadline = System.currentTimeMillis() + 30_000;
      while (migrations.stream().anyMatch(m -> m.ledger().lost() > 0) && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (int i = 0; i < migrations.size(); i++) {
        Migration m = migrations.get(i);
        DeliveryLedger l = m.ledger();
        outcomes.add(new Outcome(m.id(), m.scheme(), statuses.get(i), l.produced(), l.consumed(), l.lost(), l.duplicates(), l.outOfOrder(),
            List.copyOf(m.unplannedGates())));
      }
      return new Report(count, (int) outcomes.stream().filter(o -> "COMPLETED".equals(o.status())).count(),
          outcomes.stream().mapToLong(Outcome::lost).sum(), outcomes.stream().mapToLong(Outcome::produced).sum(),
          outcomes.stream().mapToLong(Outcome::consumed).sum(), System.currentTimeMillis() - started, kills,
          worker.log().toString(), outcomes);
    } finally {
      views.shutdownNow();
      for (Migration m : migrations) {
        m.producer().stop();
        m.consumers().forEach(SampleConsumer::stop);
      }
      for (Migration m : migrations) {
        for (Thread t : m.threads()) {
          t.join(30_000);
        }
      }
    }
  }

  /** Topic, routes and running consumers of app {@code i}; its producer thread is created, not started. */
  private Migration launchApp(int i, String scheme, String sourceServers, RouteStore routes) throws Exception {
    DemoApp app = new DemoApp("soak.orders." + i, "soak-consumers-" + i, "soak-producer-" + i, "soak-consumer-" + i, "soak-consumer-" + i + "-target");
    app.createTopic(runtime.clusters().admin("source"), PARTITIONS);
    routes.point(app.producer(), "source", sourceServers);
    routes.point(app.consumer(), "source", sourceServers);
    DeliveryLedger ledger = new DeliveryLedger();
    if ("mirror-then-switch".equals(scheme)) {
      HistoryWriter.write(sourceServers, app.topic(), HISTORY, KEYS, ledger);
      app.commitAtLogStart(runtime.clusters().admin("source")); // the mirror must carry the group's whole backlog over
    }
    SampleProducer producer = new SampleProducer(new RouteClient(apiBase, app.producer()), app.topic(), KEYS, RATE_PER_APP, ledger);
    List<SampleConsumer> consumers = new ArrayList<>();
    consumers.add(new SampleConsumer(app.consumer(), new RouteClient(apiBase, app.consumer()), app.topic(), app.group(), ledger));
    if ("production-later".equals(scheme)) {
      routes.stop(app.newConsumer(), "target"); // idle until the workflow starts it on the target
      consumers.add(new SampleConsumer(app.newConsumer(), new RouteClient(apiBase, app.newConsumer()), app.topic(), app.group(), ledger));
    }
    List<Thread> threads = new ArrayList<>();
    threads.add(new Thread(producer, "soak-producer-" + i));
    for (SampleConsumer c : consumers) {
      Thread t = new Thread(c, c == consumers.get(0) ? "soak-consumer-" + i : "soak-consumer-" + i + "-target");
      threads.add(t);
      t.start();
    }
    return new Migration("soak-" + i + "-" + scheme, scheme, app, ledger, producer, consumers, threads, new CopyOnWriteArrayList<>());
  }

  /**
   * Polls every migration's view (in parallel: a query waits for a live worker), approves open
   * gates, kills the worker once when half of them repointed their producers, and returns each
   * migration's final status.
   */
  private List<String> follow(List<Migration> migrations, ExecutorService views, List<WorkerChaos.Kill> kills) throws Exception {
    long deadline = System.currentTimeMillis() + MAX_RUN.toMillis();
    String[] statuses = new String[migrations.size()];
    long lastPrint = 0;
    while (System.currentTimeMillis() < deadline) {
      List<CompletableFuture<ApiClient.Answer>> answers = migrations.stream()
          .map(m -> CompletableFuture.supplyAsync(() -> api.migration(m.id()), views)).toList();
      int running = 0;
      int producersMoved = 0;
      for (int i = 0; i < migrations.size(); i++) {
        ApiClient.Answer a = answers.get(i).join();
        if (a.status() != 200) {
          running++; // no worker answered the query: still running, as far as we know
          continue;
        }
        JsonNode view = a.body();
        statuses[i] = view.path("workflowStatus").asText();
        JsonNode progress = view.path("progress");
        if ("RUNNING".equals(statuses[i])) {
          running++;
          JsonNode gate = progress.path("openGate");
          if (gate.isObject()) {
            String name = gate.path("name").asText();
            if (!PLANNED_GATES.contains(name)) {
              migrations.get(i).unplannedGates().add(name + ": " + gate.path("question").asText());
            }
            api.decide(migrations.get(i).id(), name, true, "demo-auto", "approved automatically by kmigrate demo --soak");
          }
        }
        if (DemoScenario.stepDone(progress, "repoint-producers")) {
          producersMoved++;
        }
      }
      if (System.currentTimeMillis() - lastPrint >= 5000) {
        out.printf("  soak: %d running, %d completed, %d with producers on the target, %d worker kill(s)%n",
            running, migrations.size() - running, producersMoved, kills.size());
        lastPrint = System.currentTimeMillis();
      }
      if (running == 0) {
        return List.of(statuses);
      }
      if (kills.isEmpty() && producersMoved * 2 >= migrations.size()) {
        Instant at = Instant.now();
        long killed = worker.kill();
        long restarted = worker.start();
        kills.add(new WorkerChaos.Kill("mid-soak", at.toString(), killed, restarted, Instant.now().toEpochMilli() - at.toEpochMilli(),
            producersMoved + " of " + migrations.size() + " migrations had repointed their producers"));
        out.printf("  soak: worker pid %d killed (SIGKILL) with %d of %d producers moved; restarted as pid %d%n",
            killed, producersMoved, migrations.size(), restarted);
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("the soak did not finish within " + MAX_RUN);
  }
}
