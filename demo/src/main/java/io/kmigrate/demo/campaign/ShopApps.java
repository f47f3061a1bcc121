package io.kmigrate.demo.campaign;

import io.kmigrate.activities.kafka.TopicInspector;
import io.kmigrate.activities.store.RouteStore;
import io.kmigrate.demo.DeliveryLedger;
import io.kmigrate.demo.RouteClient;
import io.kmigrate.demo.SampleConsumer;
import io.kmigrate.demo.SampleProducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The campaign demo's applications on the source: three services write a topic each, and four
 * groups read them; {@code shop.orders} is shared by billing and shipping, so they must move with
 * it. Each client follows its route; each group keeps its own ledger of what it was sent and read.
 */
final class ShopApps implements AutoCloseable {
  /** A group reading one topic, through one consumer whose client id is {@code consumer}. */
  record Reader(String group, String consumer) {}

  /** A topic, the service writing it, and the groups reading it. */
  record App(String topic, String producer, List<Reader> readers) {}

  static final List<App> APPS = List.of(
      new App("shop.orders", "orders-api", List.of(new Reader("billing", "billing-1"), new Reader("shipping", "shipping-1"))),
      new App("shop.payments", "payments-api", List.of(new Reader("ledger", "ledger-1"))),
      new App("shop.audit", "audit-writer", List.of(new Reader("auditor", "auditor-1"))));
  static final String TOPICS = "shop\\..*";
  private static final int PARTITIONS = 3;
  private static final int KEYS = 6;
  private static final int RATE_PER_APP = 20;

  /** Each group's ledger, by group. */
  private final Map<String, DeliveryLedger> ledgers = new LinkedHashMap<>();
  private final List<SampleProducer> producers = new ArrayList<>();
  private final Map<String, SampleConsumer> consumers = new LinkedHashMap<>();
  private final List<Thread> producerThreads = new ArrayList<>();
  private final List<Thread> consumerThreads = new ArrayList<>();

  /** Creates the topics on the source, points every client there, and starts the consumers; producers wait for {@link #produce}. */
  ShopApps(Admin source, String sourceServers, RouteStore routes, String apiBase) throws Exception {
    for (App app : APPS) {
      source.createTopics(List.of(new NewTopic(app.topic(), PARTITIONS, (short) 1))).all().get();
      new TopicInspector(source).awaitServed(List.of(app.topic()), Duration.ofSeconds(30), () -> { });
      routes.point(app.producer(), "source", sourceServers);
      DeliveryLedger sent = null;
      for (Reader r : app.readers()) {
        routes.point(r.consumer(), "source", sourceServers);
        DeliveryLedger ledger = sent == null ? new DeliveryLedger() : sent.anotherGroup();
        sent = sent == null ? ledger : sent;
        ledgers.put(r.group(), ledger);
        SampleConsumer c = new SampleConsumer(r.consumer(), new RouteClient(apiBase, r.consumer()), app.topic(), r.group(), ledger);
        consumers.put(r.consumer(), c);
        Thread t = new Thread(c, r.consumer());
        consumerThreads.add(t);
        t.start();
      }
      SampleProducer p = new SampleProducer(new RouteClient(apiBase, app.producer()), app.topic(), KEYS, RATE_PER_APP, sent);
      producers.add(p);
      producerThreads.add(new Thread(p, app.producer()));
    }
  }

  /** Starts the producers once every consumer listens, so none of their records goes unread. */
  void produce() throws InterruptedException {
    for (var c : consumers.entrySet()) {
      if (!c.getValue().awaitAssigned(Duration.ofSeconds(90))) {
        throw new IllegalStateException(c.getKey() + ": the sample consumer got no partitions within 90 s");
      }
    }
    producerThreads.forEach(Thread::start);
  }

  int ratePerSec() {
    return RATE_PER_APP * APPS.size();
  }

  DeliveryLedger ledger(String group) {
    return ledgers.get(group);
  }

  /** Stops the producers and waits until every group read what it was sent, or 30 s. */
  void stopProducingAndDrain() throws InterruptedException {
    producers.forEach(SampleProducer::stop);
    for (Thread t : producerThreads) {
      t.join(30_000);
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (ledgers.values().stream().anyMatch(l -> l.lost() > 0) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
  }

  @Override
  public void close() throws InterruptedException {
    producers.forEach(SampleProducer::stop);
    consumers.values().forEach(SampleConsumer::stop);
    for (Thread t : producerThreads) {
      t.join(30_000);
    }
    for (Thread t : consumerThreads) {
      t.join(30_000);
    }
  }
}
