package io.kmigrate.api.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.kmigrate.api.KmigrateConfiguration;
import io.kmigrate.localstack.ChildJvm;
import io.kmigrate.worker.KmigrateRuntime;
import io.kmigrate.worker.MetricsHttpServer;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import net.sourceforge.argparse4j.inf.Namespace;

/** {@code kmigrate worker [config.yml]}: a worker process without the HTTP API; Ctrl-C stops it. */
public class WorkerCommand extends ConfiguredCommand<KmigrateConfiguration> {
  public WorkerCommand() {
    super("worker", "Run a worker (workflows and activities on task queue kmigrate) without the REST API");
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    cli.getStdErr().println(StartupErrors.oneLine("worker", e));
  }

  @Override
  protected void run(Bootstrap<KmigrateConfiguration> bootstrap, Namespace namespace, KmigrateConfiguration config) throws Exception {
    // Started by `demo --chaos` as its child: never outlive the demo, even when it is killed.
    ChildJvm.haltWithParentIfChild();
    KmigrateRuntime runtime = KmigrateRuntime.start(config.workerSettings(), true);
    MetricsHttpServer metrics;
    try {
      metrics = config.prometheus.workerPort == 0 ? null : MetricsHttpServer.start(config.prometheus.workerPort, runtime.metrics());
    } catch (IOException e) {
      runtime.close();
      throw new IllegalStateException("prometheus.workerPort: cannot serve metrics on port " + config.prometheus.workerPort
          + " (" + e.getMessage() + "); choose a free port, or 0 for none", e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    // The JVM does not wait for the main thread at exit: stop everything inside the hook itself.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (metrics != null) {
        metrics.close();
      }
      runtime.close();
      stopped.countDown();
    }, "kmigrate-worker-stop"));
    System.out.println("kmigrate worker polling task queue kmigrate; Ctrl-C stops it"
        + (metrics == null ? "" : "; metrics on http://0.0.0.0:" + metrics.port() + "/metrics"));
    stopped.await();
  }
}
