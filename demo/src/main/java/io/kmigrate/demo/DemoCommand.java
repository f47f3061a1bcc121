package io.kmigrate.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.EnvironmentCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.kmigrate.activities.store.Database;
import io.kmigrate.api.KmigrateApplication;
import io.kmigrate.api.KmigrateConfiguration;
import io.kmigrate.config.Scheme;
import io.kmigrate.demo.campaign.CampaignReport;
import io.kmigrate.demo.campaign.CampaignRun;
import io.kmigrate.localstack.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * {@code kmigrate demo}: the whole product on the embedded default — Temporal in process, two
 * local KRaft clusters, the API and a worker — moving a sample application from source to
 * target. Exit 0 only when the scheme's promises held.
 */
public class DemoCommand extends EnvironmentCommand<KmigrateConfiguration> {
  private static final String CHAOS_KILL_WORKER = "kill-worker";
  private final KmigrateApplication application;
  /** The local deploy system webhook clients are repointed through; null when no client uses one. */
  private DemoDeploySystem deploy;

  public DemoCommand(KmigrateApplication application) {
    super(application, "demo", "Move a sample app between two local Kafka clusters with a migration workflow");
    this.application = application;
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--scheme").choices(Scheme.PRODUCTION_FIRST.id(), Scheme.PRODUCTION_LATER.id(), Scheme.MIRROR_THEN_SWITCH.id()).setDefault(Scheme.PRODUCTION_FIRST.id())
        .help("the migration scheme to run");
    subparser.addArgument("--approve").choices("auto", "prompt").setDefault("auto")
        .help("approve gates automatically, or ask on the terminal");
    subparser.addArgument("--report").help("write the report as JSON to this file");
    subparser.addArgument("--abort-after").choices(DemoScenario.AFTER_PRODUCERS_MOVED)
        .help("abort once the producers were verified on the target, to show the rollback");
    subparser.addArgument("--strategy").choices("routing", "webhook", DemoScenario.MIXED)
        .help("how the sample clients are repointed: the routing API, signed webhooks to a local deploy system, or "
            + "mixed (producer by routing, consumers by webhook); default routing, with --chaos mixed");
    subparser.addArgument("--mirror").action(Arguments.storeTrue())
        .help("production-first: copy the stored messages with MirrorMaker 2 too (mirror-then-switch always does)");
    subparser.addArgument("--transactional").action(Arguments.storeTrue())
        .help("the sample producer writes in transactions of 10 records and aborts every tenth; its consumers read committed");
    subparser.addArgument("--secure").action(Arguments.storeTrue())
        .help("both local clusters with SASL/SCRAM and ACLs, the sample apps as their own principals; the migration checks their "
            + "permissions and logins on the target and copies the source's ACLs and quotas there");
    subparser.addArgument("--group-protocol").choices("classic", "consumer").setDefault("classic")
        .help("the sample consumers' group.protocol: classic, or consumer (KIP-848)");
    subparser.addArgument("--history").type(Integer.class).setDefault(30_000)
        .help("with a mirror: records written to the source before the migration, for MirrorMaker 2 to copy");
    subparser.addArgument("--rate").type(Integer.class).setDefault(200)
        .help("messages per second the sample app's producers send in all (1 to 100000)");
    subparser.addArgument("--producers").type(Integer.class).setDefault(1)
        .help("instances of the sample producer, sharing the rate and the keys (1 to 64); the report gives each one's cutover pause");
    subparser.addArgument("--http-port").type(Integer.class).setDefault(0).help("API port (0: a free port)");
    subparser.addArgument("--temporal-port").type(Integer.class).setDefault(7233).help("embedded Temporal port (0: a free port)");
    subparser.addArgument("--data-dir").setDefault("data/demo").help("where the demo's clusters and database live");
    subparser.addArgument("--chaos").choices(CHAOS_KILL_WORKER)
        .help("run the worker as a child process and SIGKILL it while topics are created, during the drain wait and right "
            + "after a repoint, restarting it each time; exit 0 only if every side effect happened exactly once");
    subparser.addArgument("--soak").type(Integer.class).metavar("N")
        .help("move N sample apps at once (production-first, production-later, mirror-then-switch in turn) under steady load, the worker "
            + "killed once in the middle; exit 0 only if all complete with nothing lost");
    subparser.addArgument("--campaign").action(Arguments.storeTrue())
        .help("several services on the source, some sharing a topic: discover them, draft the plans and the campaign, run it in two "
            + "waves with every gate approved; exit 0 only if every unit completed and no group lost a message");
    subparser.addArgument("--verbose").action(Arguments.storeTrue()).help("log at INFO instead of WARN");
  }

  @Override
  protected void run(Bootstrap<KmigrateConfiguration> bootstrap, Namespace ns, KmigrateConfiguration config) throws Exception {
    // The demo always runs on the embedded default, whatever a config file says.
    config.temporal.address = null;
    config.temporal.embeddedPort = ns.getInt("temporal_port") == 0 ? Ports.free() : ns.getInt("temporal_port");
    config.clusters.clear();
    config.database.url = null;
    config.dataDir = ns.getString("data_dir");
    config.worker = true;
    // The demo's API is its own, on the embedded default: open, whatever users a config file lists.
    config.auth.users.clear();
    config.auth.open = true;
    int rate = ns.getInt("rate");
    int producers = ns.getInt("producers");
    if (rate < 1 || rate > 100_000) {
      throw new IllegalArgumentException("--rate takes 1 to 100000 messages per second, not " + rate);
    }
    if (producers < 1 || producers > 64 || producers > rate) {
      throw new IllegalArgumentException("--producers takes 1 to 64 instances, and no more than --rate (each sends at least 1 msg/s), not " + producers);
    }
    if (soak(ns) && ns.getBoolean("transactional")) {
      throw new IllegalArgumentException("--transactional runs one application; --soak runs its own twenty");
    }
    if (ns.getBoolean("secure") && (soak(ns) || chaos(ns))) {
      throw new IllegalArgumentException("--secure runs the demo's own worker: drop --soak and --chaos");
    }
    if (campaign(ns) && (soak(ns) || chaos(ns) || ns.getBoolean("secure") || ns.getBoolean("transactional") || ns.getBoolean("mirror")
        || ns.getString("abort_after") != null)) {
      throw new IllegalArgumentException("--campaign runs its own services with the plans discovery drafts: drop --soak, --chaos, --secure, "
          + "--transactional, --mirror and --abort-after");
    }
    if (ns.getBoolean("secure")) {
      config.localSecurity = DemoScenario.SECURITY;
    }
    if (soak(ns) && (ns.getInt("soak") < 1 || ns.getInt("soak") > 100 || chaos(ns))) {
      throw new IllegalArgumentException("--soak takes 1 to 100 migrations and runs without --chaos (it kills the worker once itself)");
    }
    if (chaos(ns) || soak(ns)) {
      if (chaos(ns)) {
        requireChaosScheme(ns);
      }
      // The worker is a child process; it shares the store with this one through H2's server mode.
      config.worker = false;
      config.database.url = Database.h2SharedFileUrl(Path.of(config.dataDir));
    }
    // A fresh signing secret per demo run, shared by the worker and the demo's deploy system.
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    config.webhooks.signingSecret = HexFormat.of().formatHex(secret);
    if (!"routing".equals(strategy(ns))) {
      // Its own configuration allows the demo's deploy system, on loopback, and nothing else.
      deploy = new DemoDeploySystem(config.webhooks.signingSecret);
      config.webhooks.allowedUrls = List.of(deploy.baseUrl());
      config.webhooks.allowedNetworks = List.of("127.0.0.1/32");
    }
    DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
    // Port 0 lets Jetty bind a free port itself: choosing one first and binding later races.
    ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).setPort(ns.getInt("http_port"));
    ((HttpConnectorFactory) server.getAdminConnectors().get(0)).setPort(0);
    if (!ns.getBoolean("verbose")) {
      quietLogs(config);
      config.getLoggingFactory().configure(bootstrap.getMetricRegistry(), bootstrap.getApplication().getName());
    }
    super.run(bootstrap, ns, config);
  }

  /** For a program that prints its own progress (the demo, a benchmark): logs at WARN, no access log. */
  public static void quietLogs(KmigrateConfiguration config) {
    DefaultLoggingFactory logging = (DefaultLoggingFactory) config.getLoggingFactory();
    logging.setLevel("WARN");
    // The in-memory server lacks worker heartbeats; the SDK says so once at WARN, harmlessly.
    var loggers = new HashMap<>(logging.getLoggers());
    loggers.put("io.temporal.internal.worker.HeartbeatManager", TextNode.valueOf("ERROR"));
    // An aborted demo fails its workflow on purpose; the demo prints the outcome itself.
    loggers.put("io.temporal.internal.sync.WorkflowExecutionHandler", TextNode.valueOf("ERROR"));
    // The copy verifier closes its consumers without waiting for fetches in flight; Kafka warns.
    loggers.put("org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils", TextNode.valueOf("ERROR"));
    logging.setLoggers(loggers);
    DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
    ((LogbackAccessRequestLogFactory) server.getRequestLogFactory()).setAppenders(List.of());
  }

  @Override
  protected void run(Environment environment, Namespace ns, KmigrateConfiguration config) throws Exception {
    Server server = config.getServerFactory().build(environment);
    DemoReport report;
    SoakRun.Report soak = null;
    CampaignReport campaign = null;
    ChildWorker childWorker = null;
    try {
      server.start();
      int port = applicationPort(server);
      System.out.printf("kmigrate demo: Temporal %s, source %s, target %s, API http://127.0.0.1:%d%n",
          application.runtime().temporal().client().getWorkflowServiceStubs().getOptions().getTarget(),
          application.runtime().clusters().config("source").bootstrapServers(),
          application.runtime().clusters().config("target").bootstrapServers(), port);
      DemoScenario scenario = new DemoScenario(
          application.runtime(), "http://127.0.0.1:" + port,
          new DemoScenario.Options(ns.getString("scheme"), "auto".equals(ns.getString("approve")), ns.getInt("rate"),
              ns.getInt("producers"), Math.max(12, ns.getInt("producers")),
              ns.getString("abort_after"), strategy(ns), ns.getInt("history"),
              ns.getBoolean("mirror"), ns.getBoolean("transactional"), ns.getString("group_protocol"), ns.getBoolean("secure")),
          deploy, System.out, new BufferedReader(new InputStreamReader(System.in)));
      if (chaos(ns) || soak(ns)) {
        childWorker = startChildWorker(config);
      }
      if (chaos(ns)) {
        scenario.withKilledWorker(childWorker);
      }
      if (soak(ns)) {
        soak = new SoakRun(application.runtime(), "http://127.0.0.1:" + port, childWorker, ns.getInt("soak"), System.out).run();
      }
      if (campaign(ns)) {
        campaign = new CampaignRun(application.runtime(), "http://127.0.0.1:" + port, Path.of(config.dataDir, "discovered"), System.out).run();
      }
      report = soak(ns) || campaign(ns) ? null : scenario.run();
    } catch (Exception e) {
      // A stop that times out (a request still waiting on Temporal) must not hide why the demo failed.
      stopQuietly(server, e);
      throw e;
    } finally {
      if (childWorker != null) {
        childWorker.close();
      }
      if (deploy != null) {
        deploy.close();
      }
    }
    server.stop();
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    if (soak != null) {
      finishSoak(soak, json, ns.getString("report"));
      return;
    }
    if (campaign != null) {
      finishCampaign(campaign, json, ns.getString("report"));
      return;
    }
    System.out.printf("%nresult: %s — produced %d, consumed %d, lost %d, duplicates %d, out of order %d, longest producer pause %d ms, %.1f s%n",
        report.status(), report.produced(), report.consumed(), report.lost(), report.duplicates(), report.outOfOrder(),
        report.producerPauseMsMax(), report.durationMs() / 1000.0);
    if (report.cutoverPause() != null && !report.cutoverPause().cutovers().isEmpty()) {
      DemoReport.CutoverPause p = report.cutoverPause();
      System.out.printf("cutover pause: %d producer(s) at %d msg/s in all, %d route change(s) seen: p50 %d ms, p99 %d ms, max %d ms "
              + "from each move's start (sends held while the old producer flushed: at most %d ms; from the route's arrival, "
              + "the spread wait included: p99 %d ms)%n",
          p.producers(), p.ratePerSec(), p.cutovers().size(), p.p50Ms(), p.p99Ms(), p.maxMs(), p.heldMsMax(), p.sinceRouteP99Ms());
    }
    if (report.webhooks() != null) {
      System.out.printf("webhooks: %d deliveries, %d changes applied (each first delivery refused with 503 and retried), %d bad signatures%n",
          report.webhooks().deliveries(), report.webhooks().applied(), report.webhooks().badSignatures());
    }
    if (report.mirror() != null) {
      DemoReport.Mirror m = report.mirror();
      System.out.printf("mirror: %d source record(s), %d on the target, checksums %s, %d bytes copied, %d records/s, fence %d ms, %s, offsets exact: %s%n",
          m.sourceRecords(), m.targetRecords(), m.checksumsMatch() ? "match" : "DIFFER", m.bytesCopied(), m.recordsPerSec(),
          m.fenceMs(), m.groupsTranslated(), m.offsetsExact());
    }
    if (report.transactions() != null) {
      System.out.printf("transactions: %d record(s) written in aborted transactions, %d of them consumed%n",
          report.transactions().abortedRecords(), report.transactions().abortedConsumed());
    }
    if (report.security() != null) {
      DemoReport.Security sec = report.security();
      System.out.printf("security: ACLs copied %d, already there %d, conflicts %d; principals checked %d, missing %d%s%n",
          sec.acls().copied(), sec.acls().alreadyThere(), sec.acls().conflicts(), sec.principals().checked(), sec.principals().missing().size(),
          sec.principals().missing().isEmpty() ? "" : " " + sec.principals().missing());
    }
    if (report.rollback() != null) {
      System.out.printf("rolled back: %s; producers verified back on source: %s; stranded on target: %d record(s) (the %d not consumed)%n",
          report.rollback().path("repointedBack"), report.rollback().path("producersBack").asBoolean(),
          report.rollback().path("strandedTotal").asLong(), report.lost());
    }
    if (report.workerKills() != null) {
      System.out.printf("chaos: %d worker kill(s) at %s; side effects %s, without faults %s; worker log %s%n",
          report.workerKills().size(), report.workerKills().stream().map(k -> k.point()).toList(),
          report.sideEffects(), report.expectedSideEffects(), report.workerLog());
    }
    if (ns.getString("report") != null) {
      json.writeValue(Path.of(ns.getString("report")).toFile(), report);
      System.out.println("report written to " + ns.getString("report"));
    }
    if (!report.promisesHeld()) {
      throw new DemoFailed(report);
    }
  }

  /** Per-migration lines, the report, and the summary line last; exit 1 unless every migration completed with nothing lost. */
  private static void finishSoak(SoakRun.Report soak, ObjectMapper json, String reportFile) throws IOException {
    soak.outcomes().forEach(o -> System.out.printf("  %-28s %-10s produced %-6d consumed %-6d lost %d duplicates %d out of order %d%s%n",
        o.id(), o.status(), o.produced(), o.consumed(), o.lost(), o.duplicates(), o.outOfOrder(),
        o.unplannedGates().isEmpty() ? "" : "  unplanned gates: " + o.unplannedGates()));
    System.out.printf("soak: %.1f s, worker log %s%n", soak.durationMs() / 1000.0, soak.workerLog());
    if (reportFile != null) {
      json.writeValue(Path.of(reportFile).toFile(), soak);
      System.out.println("report written to " + reportFile);
    }
    System.out.println(soak.summary());
    if (!soak.promisesHeld()) {
      throw new SoakFailed(soak.summary());
    }
  }

  /** A line per unit and group, the report, and the summary line last; exit 1 unless every unit completed with nothing lost. */
  private static void finishCampaign(CampaignReport campaign, ObjectMapper json, String reportFile) throws IOException {
    for (CampaignReport.Unit u : campaign.units()) {
      System.out.println(String.format("  wave %d  %-26s %-10s %s", u.wave(), u.name(), u.status(), u.detail() == null ? "" : u.detail())
          .stripTrailing());
      u.groups().forEach(g -> System.out.printf("          %-10s on %-14s produced %-6d consumed %-6d lost %d duplicates %d out of order %d%n",
          g.group(), g.topic(), g.produced(), g.consumed(), g.lost(), g.duplicates(), g.outOfOrder()));
    }
    System.out.printf("campaign: %.1f s%n", campaign.durationMs() / 1000.0);
    if (reportFile != null) {
      json.writeValue(Path.of(reportFile).toFile(), campaign);
      System.out.println("report written to " + reportFile);
    }
    System.out.println(campaign.summary());
    if (!campaign.promisesHeld()) {
      throw new SoakFailed(campaign.summary());
    }
  }

  private static void stopQuietly(Server server, Exception cause) {
    try {
      server.stop();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }

  private static boolean chaos(Namespace ns) {
    return ns.getString("chaos") != null;
  }

  /** How the sample clients are repointed: --strategy, else mixed with --chaos, else routing. */
  private static String strategy(Namespace ns) {
    return ns.getString("strategy") != null ? ns.getString("strategy") : chaos(ns) ? DemoScenario.MIXED : "routing";
  }

  private static boolean campaign(Namespace ns) {
    return ns.getBoolean("campaign");
  }

  private static boolean soak(Namespace ns) {
    return ns.getInt("soak") != null;
  }

  /** The three kill points are production-first's: prepare target, drain wait, consumer repoint. */
  private static void requireChaosScheme(Namespace ns) {
    if (!Scheme.PRODUCTION_FIRST.id().equals(ns.getString("scheme")) || ns.getBoolean("mirror") || ns.getString("abort_after") != null) {
      throw new IllegalArgumentException("--chaos kill-worker runs scheme production-first without --mirror or --abort-after; drop those options");
    }
  }

  /** The child worker, wired to this demo's Temporal, clusters and store, polling before the migration starts. */
  private ChildWorker startChildWorker(KmigrateConfiguration config) throws Exception {
    var runtime = application.runtime();
    ChildWorker worker = new ChildWorker(Path.of(config.dataDir, "worker"), new ChildWorker.Wiring(
        runtime.temporal().client().getWorkflowServiceStubs().getOptions().getTarget(),
        runtime.clusters().config("source").bootstrapServers(), runtime.clusters().config("target").bootstrapServers(),
        config.database.url, config.webhooks));
    long pid = worker.start();
    System.out.printf("worker: child process pid %d, output in %s%n", pid, worker.log());
    return worker;
  }

  /** The port Jetty bound for the application connector (Dropwizard names it "application"). */
  private static int applicationPort(Server server) {
    for (var connector : server.getConnectors()) {
      if (connector instanceof ServerConnector c && "application".equals(c.getName())) {
        return c.getLocalPort();
      }
    }
    throw new IllegalStateException("the API has no application connector");
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    cli.getStdErr().println(e instanceof DemoFailed || e instanceof SoakFailed ? e.getMessage()
        : e instanceof IllegalArgumentException ? "demo: " + e.getMessage() : "demo failed: " + e);
    if (Boolean.TRUE.equals(namespace.getBoolean("verbose"))) {
      e.printStackTrace(cli.getStdErr());
    }
  }

  /** Exit code 1: a soak migration or a campaign's unit did not complete, or lost a message. */
  static final class SoakFailed extends RuntimeException {
    SoakFailed(String summary) {
      super("demo failed: " + summary);
    }
  }

  /** Exit code 1: the workflow did not complete, or a message was lost or reordered. */
  static final class DemoFailed extends RuntimeException {
    DemoFailed(DemoReport r) {
      super("demo failed: status " + r.status() + ", lost " + r.lost() + ", out of order " + r.outOfOrder()
          + (r.rollback() == null ? "" : ", stranded " + r.rollback().path("strandedTotal").asLong()));
    }
  }
}
