package io.kmigrate.bench.concurrent;

import com.fasterxml.jackson.databind.node.TextNode;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import io.kmigrate.activities.store.Database;
import io.kmigrate.api.KmigrateApplication;
import io.kmigrate.api.KmigrateConfiguration;
import io.kmigrate.bench.ScratchDir;
import io.kmigrate.demo.ChildWorker;
import io.kmigrate.demo.DemoCommand;
import io.kmigrate.localstack.Ports;
import io.kmigrate.worker.KmigrateRuntime;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;

/**
 * The product as {@code demo --soak} runs it: in this process the REST API on the embedded
 * default (in-memory Temporal, two local KRaft clusters, H2 served to other processes) without a
 * worker; the migrations run on one {@code kmigrate worker} child JVM, whose heap is its own and
 * whose every collection is logged. Closing stops the worker, then the API and everything it
 * started, and deletes the data.
 */
public final class ProductStack implements AutoCloseable {
  private static final String GC_LOG = "worker-gc.log";
  private final ScratchDir scratch;
  private final Path dataDir;
  private final DropwizardTestSupport<KmigrateConfiguration> api;
  private ChildWorker worker;

  private ProductStack(ScratchDir scratch, DropwizardTestSupport<KmigrateConfiguration> api) {
    this.scratch = scratch;
    this.dataDir = scratch.path();
    this.api = api;
  }

  /**
   * @param bench names its scratch directory
   * @param workerHeap the worker's -Xmx. It runs as deployed, not as the demo's children: full JIT
   *     tiers, a sticky workflow cache (nobody kills it here); SerialGC, which a JVM chooses by
   *     itself in a container of under 2 CPUs or 1792 MB.
   */
  public static ProductStack start(String bench, String workerHeap) throws Exception {
    ScratchDir scratch = ScratchDir.create(bench);
    Path dataDir = scratch.path();
    ChildWorker.Settings workerSettings = new ChildWorker.Settings(
        workerHeap, List.of("-XX:TieredStopAtLevel=4", "-Xlog:gc:file=" + dataDir.resolve(GC_LOG)), true);
    KmigrateConfiguration config = new KmigrateConfiguration();
    config.dataDir = dataDir.toString();
    config.temporal.embeddedPort = Ports.free();
    config.worker = false;
    // The worker child shares the store through H2's server mode, as in `demo --soak`.
    config.database.url = Database.h2SharedFileUrl(dataDir);
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    config.webhooks.signingSecret = HexFormat.of().formatHex(secret);
    DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
    ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).setPort(0);
    ((HttpConnectorFactory) server.getAdminConnectors().get(0)).setPort(0);
    DemoCommand.quietLogs(config);
    // The API is open on the embedded Temporal, as intended here: no need to say so at WARN.
    DefaultLoggingFactory logging = (DefaultLoggingFactory) config.getLoggingFactory();
    var loggers = new HashMap<>(logging.getLoggers());
    loggers.put("io.kmigrate.api.auth.ApiAuth", TextNode.valueOf("ERROR"));
    // A sample consumer subscribing right after its topic was created may first find no metadata: harmless.
    loggers.put("org.apache.kafka.clients.NetworkClient", TextNode.valueOf("ERROR"));
    logging.setLoggers(loggers);
    ProductStack stack = new ProductStack(scratch, new DropwizardTestSupport<>(KmigrateApplication.class, config));
    try {
      stack.api.before();
      KmigrateRuntime runtime = stack.runtime();
      stack.worker = new ChildWorker(stack.workerDir(), new ChildWorker.Wiring(
          runtime.temporal().client().getWorkflowServiceStubs().getOptions().getTarget(),
          runtime.clusters().config("source").bootstrapServers(), runtime.clusters().config("target").bootstrapServers(),
          config.database.url, config.webhooks), workerSettings);
      stack.worker.start();
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  public KmigrateRuntime runtime() {
    return api.<KmigrateApplication>getApplication().runtime();
  }

  public String apiBase() {
    return "http://127.0.0.1:" + api.getLocalPort();
  }

  ChildWorker worker() {
    return worker;
  }

  /** The worker's unified GC log; complete once {@link #stopWorker()} returned. */
  Path workerGcLog() {
    return dataDir.resolve(GC_LOG);
  }

  private Path workerDir() {
    return dataDir.resolve("worker");
  }

  /** Stops the worker (SIGTERM, waits): its GC log is flushed and closed. */
  void stopWorker() {
    worker.close();
  }

  @Override
  public void close() {
    try {
      if (worker != null) {
        worker.close();
      }
    } finally {
      try {
        api.after();
      } finally {
        scratch.close();
      }
    }
  }
}
