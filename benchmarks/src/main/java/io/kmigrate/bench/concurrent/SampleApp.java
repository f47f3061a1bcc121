package io.kmigrate.bench.concurrent;

import io.kmigrate.activities.store.RouteStore;
import io.kmigrate.bench.Figures;
import io.kmigrate.demo.DeliveryLedger;
import io.kmigrate.demo.DemoApp;
import io.kmigrate.demo.RouteClient;
import io.kmigrate.demo.SampleConsumer;
import io.kmigrate.demo.SampleProducer;
import io.kmigrate.worker.KmigrateRuntime;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * One application a migration moves, as the demo's soak builds them: its own topic and consumer
 * group on the source, a keyed producer and one consumer that follow their routes through the
 * routing API, and the ledger that counts what was lost, duplicated or reordered.
 */
final class SampleApp {
  static final String SCHEME = "production-first";
  private static final int PARTITIONS = 3;
  private static final int KEYS = 6;

  private final String migration;
  private final DemoApp app;
  private final DeliveryLedger ledger = new DeliveryLedger();
  private final SampleProducer producer;
  private final SampleConsumer consumer;
  private final Thread producerThread;
  private final Thread consumerThread;
  private final RouteClient producerRoute;
  private final RouteClient consumerRoute;

  private SampleApp(String bench, int i, String apiBase, int ratePerSec) {
    this.migration = bench + "-" + i;
    this.app = new DemoApp(bench + ".orders." + i, bench + "-consumers-" + i, bench + "-producer-" + i,
        bench + "-consumer-" + i, bench + "-consumer-" + i + "-target");
    this.producerRoute = new RouteClient(apiBase, app.producer());
    this.consumerRoute = new RouteClient(apiBase, app.consumer());
    this.producer = new SampleProducer(producerRoute, app.topic(), KEYS, ratePerSec, ledger);
    this.consumer = new SampleConsumer(app.consumer(), consumerRoute, app.topic(), app.group(), ledger);
    this.producerThread = new Thread(producer, app.producer());
    this.consumerThread = new Thread(consumer, app.consumer());
  }

  /** Creates the topic on the source, points both clients there and starts the consumer; the producer waits for {@link #startProducing()}. */
  private static SampleApp launch(String bench, int i, String apiBase, int ratePerSec, Admin source, String sourceServers, RouteStore routes)
      throws Exception {
    SampleApp a = new SampleApp(bench, i, apiBase, ratePerSec);
    a.app.createTopic(source, PARTITIONS);
    routes.point(a.app.producer(), "source", sourceServers);
    routes.point(a.app.consumer(), "source", sourceServers);
    a.consumerThread.start();
    return a;
  }

  /**
   * Launches {@code count} apps into {@code apps} (so a caller stops those launched if one fails),
   * starts each producer once its consumer listens, then gives every group 2 s to commit on the
   * source, so a migration's preflight finds it.
   */
  static void launchAll(List<SampleApp> apps, String bench, int count, int ratePerSec, KmigrateRuntime runtime, String apiBase)
      throws Exception {
    RouteStore routes = new RouteStore(runtime.database());
    String sourceServers = runtime.clusters().config("source").bootstrapServers();
    for (int i = 1; i <= count; i++) {
      apps.add(launch(bench, i, apiBase, ratePerSec, runtime.clusters().admin("source"), sourceServers, routes));
    }
    for (SampleApp a : apps) {
      if (!a.awaitListening(Duration.ofSeconds(120))) {
        throw new IllegalStateException(a.migration() + ": its consumer got no partitions within 120 s");
      }
      a.startProducing();
    }
    Figures.sleep(2000);
  }

  /** Nothing is produced before the consumer listens: every record must be accounted for. */
  boolean awaitListening(Duration timeout) throws InterruptedException {
    return consumer.awaitAssigned(timeout);
  }

  void startProducing() {
    producerThread.start();
  }

  String migration() {
    return migration;
  }

  /** The plan moving this app: both cutover gates required, clients repointed through the routing API. */
  String plan(String waits) {
    return app.plan(migration, SCHEME, client -> "strategy: routing", false, waits);
  }

  /** Route requests of both clients that the API did not answer. */
  long failedRouteChecks() {
    return producerRoute.failures() + consumerRoute.failures();
  }

  DeliveryLedger ledger() {
    return ledger;
  }

  void stopProducing() throws InterruptedException {
    producer.stop();
    producerThread.join(30_000);
  }

  void stop() throws InterruptedException {
    producer.stop();
    consumer.stop();
    producerThread.join(30_000);
    consumerThread.join(30_000);
  }
}
