package io.kmigrate.clients;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Producer} that sends to whichever cluster its route names, used where an application
 * used a {@code KafkaProducer}. Give it routes with {@link #reroute} (a {@link RouteWatcher}'s
 * listener does). On a move it
 * <ol>
 *   <li>starts and warms a producer on the new cluster (metadata for every topic sent to so far;
 *       {@code initTransactions} for a transactional one) while the old one keeps sending;</li>
 *   <li>holds new sends, waits for the sends under way, and flushes the old producer, so every
 *       record sent before the move is acknowledged by the old cluster before any is sent to the
 *       new one: a key's records stay in order;</li>
 *   <li>hands the held sends to the new producer in the order they were made and sends directly
 *       again; the old producer closes in the background.</li>
 * </ol>
 * A move from one cluster to another starts after a random wait of up to
 * {@value RoutingSettings#MOVE_SPREAD_MS} (default 1,000 ms; 0 turns it off), sends still going to
 * the old cluster: the instances of a service see a route change at the same moment, and arriving
 * at the new cluster all at once (connections, metadata, producer ids, and first produce requests
 * that a broker serves slowly while many arrive together) made each one's pause longer. A stop
 * route, and a route after one, move at once: sends are held then.
 *
 * <p>A stop route (the fence) flushes and closes the producer and holds every send, at most
 * {@value RoutingSettings#HOLD_MAX_RECORDS} records (default 10,000); past that, {@code send}
 * blocks up to {@code max.block.ms}, then fails with a {@link TimeoutException} as a full
 * {@code KafkaProducer} buffer does. Before its first route a producer holds its sends too.
 *
 * <p>Transactions: a move waits for the open transaction to end; {@link #beginTransaction} waits
 * while a move is under way. A transactional id is per cluster: the new cluster knows nothing of
 * the old one's transactions, so a zombie on the old cluster is not fenced by the new producer.
 * Idempotence likewise starts a new producer id on the new cluster; order across the move comes
 * from the flush, not from sequence numbers.
 */
public final class RoutingProducer<K, V> implements Producer<K, V> {
  private static final Logger log = LoggerFactory.getLogger(RoutingProducer.class);
  /** Topics remembered for the next warm-up; an application sending to more warms the first ones only. */
  private static final int WARM_TOPICS = 1_000;
  /** Set on threads running an application's callback, and on a move's: a flush() there would wait for itself. */
  static final ThreadLocal<Boolean> IN_CALLBACK = ThreadLocal.withInitial(() -> false);

  private final RoutingSettings settings;
  private final Function<Map<String, Object>, Producer<K, V>> factory;
  private final Set<String> topics = ConcurrentHashMap.newKeySet();
  private final List<KafkaMetric> subscribedMetrics = new CopyOnWriteArrayList<>();
  /** The watcher {@link #following} started, closed with this producer. */
  private volatile RouteWatcher watcher;
  private final List<ProducerSwitch> switches = new CopyOnWriteArrayList<>();
  private final List<Thread> closing = new CopyOnWriteArrayList<>();
  private final Object moving = new Object();
  /** The wait before a move, in ms, from the spread in ms (random; tests fix it). */
  private volatile LongUnaryOperator spreadPick = spread -> ThreadLocalRandom.current().nextLong(spread + 1);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  /** Signalled only when the producer starts closing: a move's spread waits on it, not on every send. */
  private final Condition closingStarted = lock.newCondition();
  // Guarded by lock.
  private final ArrayDeque<HeldSend<K, V>> held = new ArrayDeque<>();
  private Delegate<K, V> open;
  /** The producer a move is handing over to; closed by {@link #close} if it comes first. */
  private Delegate<K, V> pending;
  /** A move is under way: {@link #close} waits for it. */
  private boolean mover;
  private Route route;
  private int sending;
  private boolean switching;
  private boolean transactional;
  private boolean inTransaction;
  /** close() has begun: set before its watcher is closed, whose interrupt would otherwise cut a spread short into a move. */
  private boolean closeStarted;
  private boolean closed;

  /** The producer the route currently names, and whether its transactions are initialised. */
  private static final class Delegate<K, V> {
    final Producer<K, V> producer;
    final Route route;
    boolean transactionsReady;

    Delegate(Producer<K, V> producer, Route route) {
      this.producer = producer;
      this.route = route;
    }
  }

  /** A producer of {@code configs} (serializers as classes, as for {@code KafkaProducer}); it holds its sends until its first route. */
  public RoutingProducer(Map<String, ?> configs) {
    this(configs, KafkaProducer::new);
  }

  /**
   * A producer that makes each cluster's producer with {@code factory} from {@code configs} and the
   * route's {@code bootstrap.servers} (Spring Kafka's {@code ProducerFactory::createProducer}
   * fits, see docs/clients.md). Each call must return a new producer: the old one is closed.
   */
  public RoutingProducer(Map<String, ?> configs, Function<Map<String, Object>, Producer<K, V>> factory) {
    this.settings = RoutingSettings.of(configs);
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * A producer of {@code configs} that follows the route {@code route} names, with a {@link RouteWatcher} of its
   * own, closed with it: the usual way to use one.
   */
  public static <K, V> RoutingProducer<K, V> following(Map<String, ?> configs, RouteWatcher.Options route) {
    return following(configs, route, KafkaProducer::new);
  }

  /** As {@link #following(Map, RouteWatcher.Options)}, each cluster's producer made by {@code factory}. */
  public static <K, V> RoutingProducer<K, V> following(Map<String, ?> configs, RouteWatcher.Options route,
      Function<Map<String, Object>, Producer<K, V>> factory) {
    RoutingProducer<K, V> c = new RoutingProducer<>(configs, factory);
    c.watcher = RouteWatcher.start(route, c::reroute);
    return c;
  }

  /**
   * Moves to {@code next} if its version differs from the current route's and it names another
   * cluster (a new version naming the same cluster only updates the route). Blocks the caller while
   * the new producer warms up and the old one flushes; calls are served one at a time. An interrupt
   * (a watcher closing) does not cut a move short: it is restored once the move is done.
   */
  public void reroute(Route next) {
    Objects.requireNonNull(next, "next");
    synchronized (moving) {
      boolean spreads;
      lock.lock();
      try {
        if (closed || (route != null && route.version() == next.version())) {
          return;
        }
        if (open != null && !next.stopped() && open.route.cluster().equals(next.cluster())) {
          route = next;
          return;
        }
        mover = true;
        spreads = open != null && !next.stopped();
      } finally {
        lock.unlock();
      }
      boolean interrupted = Thread.interrupted();
      boolean inCallback = IN_CALLBACK.get();
      IN_CALLBACK.set(true); // held sends' callbacks may run on this thread: a flush() from one would wait for itself
      try {
        long spreadMs = 0;
        if (spreads) {
          long spreadStart = System.nanoTime();
          if (!spread()) {
            return; // closing meanwhile: nothing moves
          }
          spreadMs = (System.nanoTime() - spreadStart) / 1_000_000;
        }
        long warmStart = System.nanoTime();
        Delegate<K, V> fresh = next.stopped() ? null : warm(next);
        long warmupMs = (System.nanoTime() - warmStart) / 1_000_000;
        interrupted |= Thread.interrupted(); // the warm-up leaves an interrupt set; the move must not trip on it
        interrupted |= move(next, fresh, spreadMs, warmupMs);
      } finally {
        IN_CALLBACK.set(inCallback);
        lock.lock();
        try {
          mover = false;
          changed.signalAll();
        } finally {
          lock.unlock();
        }
        if (interrupted || Thread.interrupted()) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * Waits a random time up to the move spread, or until the producer starts closing (false then).
   * An interrupt ends the wait, not the move: it is kept for the caller.
   */
  private boolean spread() {
    long left = TimeUnit.MILLISECONDS.toNanos(spreadPick.applyAsLong(settings.moveSpread().toMillis()));
    lock.lock();
    try {
      while (!closeStarted && left > 0) {
        try {
          left = closingStarted.awaitNanos(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt(); // restored by reroute once the move is done
          break;
        }
      }
      return !closeStarted;
    } finally {
      lock.unlock();
    }
  }

  /** A producer for {@code next}, warmed as far as it goes within the warm-up timeout; a failure to warm is logged, not thrown. */
  private Delegate<K, V> warm(Route next) {
    Delegate<K, V> d = new Delegate<>(factory.apply(settings.forRoute(next)), next);
    try {
      subscribedMetrics.forEach(d.producer::registerMetricForSubscription);
      if (transactional()) {
        d.producer.initTransactions();
        d.transactionsReady = true;
      }
    } catch (RuntimeException e) {
      // The route is the instruction: the move goes on, and the new cluster's error reaches the application as KafkaProducer's would.
      log.warn("the producer for {} ({}) could not be made ready: {}; moving anyway", next.cluster(), next.bootstrapServers(), e.toString());
    }
    long deadline = System.nanoTime() + settings.warmupTimeout().toNanos();
    int unwarmed = 0;
    for (String topic : topics) {
      // Interrupted (a watcher closing): the interrupt stays set for reroute to keep; warming further is of no use.
      if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
        unwarmed++;
        continue;
      }
      try {
        d.producer.partitionsFor(topic);
      } catch (RuntimeException e) {
        unwarmed++;
        log.warn("no metadata for topic {} on {} before the move: {}", topic, next.cluster(), e.toString());
      }
    }
    if (unwarmed > 0) {
      log.warn("moving to {} with {} of {} topic(s) not warmed (warm-up timeout {})", next.cluster(), unwarmed, topics.size(),
          settings.warmupTimeout());
    }
    settle(d.producer, deadline);
    return d;
  }

  /**
   * Lets the new producer settle before the move: until it has had nothing in flight for one and a
   * half {@code retry.backoff.ms}. An idempotent producer asks for its producer id as it starts; a
   * broker that has handed out none answers "try again" while it fetches a block of ids from its
   * controller (KIP-730), and the producer asks again after its backoff. On the demo's new target
   * that cost over 100 ms after the move (first acknowledgment 181 ms after the hand-over, 62 ms
   * once the producer had settled first). Kafka shows a producer's requests only through its
   * {@code requests-in-flight} metric; without it (a mock) there is nothing to wait for. The old
   * producer still sends meanwhile: this lengthens the warm-up, not the pause.
   */
  private void settle(Producer<?, ?> producer, long deadline) {
    Metric inFlight = producer.metrics().entrySet().stream()
        .filter(e -> e.getKey().group().equals("producer-metrics") && e.getKey().name().equals("requests-in-flight"))
        .map(Map.Entry::getValue).findFirst().orElse(null);
    long quiet = settings.retryBackoff().toNanos() * 3 / 2;
    long busy = System.nanoTime();
    while (inFlight != null && System.nanoTime() < deadline) {
      long now = System.nanoTime();
      if (!(inFlight.metricValue() instanceof Number n) || n.doubleValue() > 0) {
        busy = now;
      } else if (now - busy >= quiet) {
        return;
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // restored by reroute once the move is done
        return;
      }
    }
  }

  private boolean transactional() {
    return locked(() -> transactional);
  }

  /** Holds, flushes the old producer, hands the held sends over; true if the thread was interrupted meanwhile. */
  private boolean move(Route next, Delegate<K, V> fresh, long spreadMs, long warmupMs) {
    boolean interrupted = false;
    Delegate<K, V> old;
    long heldFrom;
    lock.lock();
    try {
      pending = fresh;
      switching = true; // no transaction begins from here on
      // A transaction ends on the cluster it began on; past its timeout the broker has aborted it anyway.
      long txnWait = settings.transactionTimeout().plusSeconds(5).toNanos();
      while (inTransaction && !closed && txnWait > 0) {
        long before = System.nanoTime();
        try {
          txnWait = changed.awaitNanos(txnWait);
        } catch (InterruptedException e) {
          interrupted = true; // kept for the caller; the wait goes on
          txnWait -= System.nanoTime() - before;
        }
      }
      if (inTransaction && !closed) {
        log.warn("moving to {} with a transaction still open after {}: the old cluster has aborted it", next.cluster(),
            settings.transactionTimeout());
        inTransaction = false;
      }
      heldFrom = System.nanoTime();
      old = open;
      open = null;
      route = next;
      while (sending > 0) {
        changed.awaitUninterruptibly(); // sends already handed to the old producer get there first
      }
    } finally {
      lock.unlock();
    }
    if (old != null) {
      interrupted |= flushed(old);
    }
    int handed = 0;
    Map<String, RuntimeException> unsendable = new HashMap<>();
    try {
      while (true) {
        List<HeldSend<K, V>> batch = new ArrayList<>();
        lock.lock();
        try {
          if (closed) {
            break;
          }
          if (fresh == null || held.isEmpty()) {
            open = fresh;
            pending = null;
            switching = false;
            changed.signalAll();
            break;
          }
          while (!held.isEmpty() && batch.size() < 1_000) {
            batch.add(held.poll());
          }
          changed.signalAll(); // room for blocked senders
        } finally {
          lock.unlock();
        }
        for (HeldSend<K, V> h : batch) {
          RuntimeException before = unsendable.get(h.topic());
          if (before != null || isClosed()) {
            h.fail(before != null ? before : notSent());
            continue;
          }
          RuntimeException thrown = h.sendTo(fresh.producer);
          if (thrown instanceof TimeoutException) {
            unsendable.put(h.topic(), thrown); // no metadata within max.block.ms: the topic's other held sends fail at once
          }
          handed++;
        }
      }
    } finally {
      lock.lock();
      try {
        if (switching) { // closed meanwhile, or an Error: nothing is left held with no one to hand it over
          List<HeldSend<K, V>> left = new ArrayList<>(held);
          held.clear();
          left.forEach(h -> h.fail(notSent()));
          switching = false;
          pending = null;
          changed.signalAll();
          if (fresh != null) {
            closeInBackground(fresh.producer);
          }
        }
      } finally {
        lock.unlock();
      }
    }
    if (old == null && fresh == null) {
      return interrupted; // from no cluster to none (a stop before the first route): nothing moved
    }
    long heldMs = (System.nanoTime() - heldFrom) / 1_000_000;
    switches.add(new ProducerSwitch(old == null ? null : old.route.cluster(), fresh == null ? null : next.cluster(), next.version(),
        spreadMs, warmupMs, heldMs, handed));
    log.info("producer moved from {} to {} (route version {}): waited {} ms (spread), warmed in {} ms, sends held {} ms, {} held send(s) handed over",
        old == null ? "nowhere" : old.route.cluster(), fresh == null ? "nowhere (stop: sends are held)" : next.cluster(), next.version(),
        spreadMs, warmupMs, heldMs, handed);
    return interrupted;
  }

  /** Flushes the old producer, to the end even if interrupted (that would break per-key order); true if it was. */
  private boolean flushed(Delegate<K, V> old) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          old.producer.flush();
          return interrupted;
        } catch (InterruptException e) {
          Thread.interrupted();
          interrupted = true;
        }
      }
    } catch (RuntimeException e) {
      // Its sends' callbacks carry their own errors; the move goes on either way.
      log.warn("flushing the producer for {} before the move failed: {}", old.route.cluster(), e.toString());
      return interrupted;
    } finally {
      closeInBackground(old.producer);
    }
  }

  private <T> T locked(Supplier<T> read) {
    lock.lock();
    try {
      return read.get();
    } finally {
      lock.unlock();
    }
  }

  private boolean isClosed() {
    return locked(() -> closed);
  }

  private KafkaException notSent() {
    return new KafkaException("the producer closed while this send was held (" + describeRoute() + "): not sent");
  }

  private void closeInBackground(Producer<K, V> producer) {
    Thread t = new Thread(() -> {
      try {
        producer.close(Duration.ofSeconds(30));
      } catch (RuntimeException e) {
        log.warn("closing the previous cluster's producer failed: {}", e.toString());
      }
    }, "kmigrate-routing-producer-close");
    t.setDaemon(true);
    closing.removeIf(c -> !c.isAlive());
    closing.add(t);
    t.start();
  }

  @Override
  public Future<RecordMetadata> send(ProducerRecord<K, V> record) {
    return send(record, null);
  }

  @Override
  public Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
    Objects.requireNonNull(record, "record");
    if (topics.size() < WARM_TOPICS) {
      topics.add(record.topic());
    }
    Delegate<K, V> d;
    long deadline = System.nanoTime() + settings.maxBlock().toNanos();
    lock.lock();
    try {
      while (true) {
        throwIfClosed();
        if (open != null && held.isEmpty()) {
          d = open;
          sending++;
          break;
        }
        if (held.size() < settings.holdMaxRecords()) {
          HeldSend<K, V> h = new HeldSend<>(record, callback);
          held.add(h);
          return h.future();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          TimeoutException e = new TimeoutException("send held " + settings.holdMaxRecords() + " records with no cluster to send to ("
              + describeRoute() + ") for " + settings.maxBlock().toMillis() + " ms (max.block.ms): not sent");
          HeldSend<K, V> failed = new HeldSend<>(record, callback);
          failed.fail(e);
          return failed.future();
        }
        awaitChange(left);
      }
    } finally {
      lock.unlock();
    }
    try {
      return d.producer.send(record, HeldSend.marked(callback));
    } finally {
      doneSending();
    }
  }

  private String describeRoute() {
    return route == null ? "no route yet" : route.stopped() ? "route stopped" : "moving to " + route.cluster();
  }

  private void awaitChange(long nanos) {
    try {
      changed.awaitNanos(nanos);
    } catch (InterruptedException e) {
      throw new InterruptException(e);
    }
  }

  private void throwIfClosed() {
    if (closed) {
      throw new IllegalStateException("Cannot perform operation after producer has been closed");
    }
  }

  private void doneSending() {
    lock.lock();
    try {
      if (--sending == 0) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private Delegate<K, V> acquireOpen(String what) {
    return acquireOpen(what, false);
  }

  /**
   * The open producer, counted as in use (release with {@link #doneSending}); waits up to
   * max.block.ms for one. A transaction's begin also waits while a move is pending, and is marked
   * under the same lock, so a move never starts between the two.
   */
  private Delegate<K, V> acquireOpen(String what, boolean beginsTransaction) {
    long deadline = System.nanoTime() + settings.maxBlock().toNanos();
    lock.lock();
    try {
      while (true) {
        throwIfClosed();
        if (beginsTransaction && inTransaction) {
          throw new IllegalStateException("beginTransaction: a transaction is already open; commit or abort it first");
        }
        if (open != null && !(beginsTransaction && switching)) {
          sending++;
          inTransaction |= beginsTransaction;
          return open;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException(what + ": no cluster to use (" + describeRoute() + ") within " + settings.maxBlock().toMillis()
              + " ms (max.block.ms)");
        }
        awaitChange(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Every send made so far acknowledged (or failed); while a stop route holds sends, this waits for the next route. */
  @Override
  public void flush() {
    if (IN_CALLBACK.get()) {
      // As KafkaProducer refuses it: the flush would wait for the callback that called it.
      throw new KafkaException("flush() inside a send callback (or a route listener's move) is not permitted: it would wait for itself");
    }
    lock.lock();
    Delegate<K, V> d;
    try {
      // A move waiting for this thread's transaction leaves the producer open: that one is flushed.
      while (!closed && open == null && (switching || !held.isEmpty())) {
        try {
          changed.await();
        } catch (InterruptedException e) {
          throw new InterruptException(e);
        }
      }
      throwIfClosed();
      d = open;
      if (d == null) {
        return;
      }
      sending++;
    } finally {
      lock.unlock();
    }
    try {
      d.producer.flush();
    } finally {
      doneSending();
    }
  }

  @Override
  public void initTransactions() {
    Delegate<K, V> d = acquireOpen("initTransactions");
    try {
      readyForTransactions(d);
      lock.lock();
      try {
        transactional = true; // only once it worked: the next cluster's producer is made ready the same way
      } finally {
        lock.unlock();
      }
    } finally {
      doneSending();
    }
  }

  private void readyForTransactions(Delegate<K, V> d) {
    if (!d.transactionsReady) {
      d.producer.initTransactions();
      d.transactionsReady = true;
    }
  }

  @Override
  public void beginTransaction() {
    Delegate<K, V> d = acquireOpen("beginTransaction", true);
    try {
      readyForTransactions(d);
      d.producer.beginTransaction();
    } catch (RuntimeException e) {
      transactionEnded();
      throw e;
    } finally {
      doneSending();
    }
  }

  @Override
  public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {
    inTransaction("sendOffsetsToTransaction").sendOffsetsToTransaction(offsets, groupMetadata);
  }

  @Override
  public void commitTransaction() {
    try {
      inTransaction("commitTransaction").commitTransaction();
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException | UnsupportedVersionException
        | IllegalStateException fatal) {
      transactionEnded(); // the producer can only be closed now: nothing is left to wait for
      throw fatal;
    }
    // Ended only when it succeeded: after an abortable failure the application aborts, on the same cluster.
    transactionEnded();
  }

  @Override
  public void abortTransaction() {
    try {
      inTransaction("abortTransaction").abortTransaction();
    } finally {
      transactionEnded();
    }
  }

  /** A transaction keeps its producer: a move waits for it to end, so the open producer is the one it began on. */
  private Producer<K, V> inTransaction(String what) {
    lock.lock();
    try {
      throwIfClosed();
      if (open == null) {
        throw new IllegalStateException(what + ": no transaction is open");
      }
      return open.producer;
    } finally {
      lock.unlock();
    }
  }

  private void transactionEnded() {
    lock.lock();
    try {
      inTransaction = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void registerMetricForSubscription(KafkaMetric metric) {
    subscribedMetrics.add(metric);
    Delegate<K, V> d = current();
    if (d != null) {
      d.producer.registerMetricForSubscription(metric);
    }
  }

  @Override
  public void unregisterMetricFromSubscription(KafkaMetric metric) {
    subscribedMetrics.remove(metric);
    Delegate<K, V> d = current();
    if (d != null) {
      d.producer.unregisterMetricFromSubscription(metric);
    }
  }

  private Delegate<K, V> current() {
    return locked(() -> open);
  }

  @Override
  public List<PartitionInfo> partitionsFor(String topic) {
    Delegate<K, V> d = acquireOpen("partitionsFor");
    try {
      return d.producer.partitionsFor(topic);
    } finally {
      doneSending();
    }
  }

  /** The current cluster's producer metrics; none while there is no cluster. */
  @Override
  public Map<MetricName, ? extends Metric> metrics() {
    Delegate<K, V> d = current();
    return d == null ? Map.of() : d.producer.metrics();
  }

  @Override
  public Uuid clientInstanceId(Duration timeout) {
    Delegate<K, V> d = acquireOpen("clientInstanceId");
    try {
      return d.producer.clientInstanceId(timeout);
    } finally {
      doneSending();
    }
  }

  /** Fixes the wait before each move (from the spread setting, in ms): for tests. */
  void pickSpreadWith(LongUnaryOperator pick) {
    this.spreadPick = Objects.requireNonNull(pick, "pick");
  }

  /** The route it follows now (null before the first). */
  public Route route() {
    return locked(() -> route);
  }

  /** Sends held now, waiting for a cluster. */
  public int heldSends() {
    return locked(() -> held.size());
  }

  /** Every move so far, oldest first. */
  public List<ProducerSwitch> switches() {
    return List.copyOf(switches);
  }

  @Override
  public void close() {
    close(Duration.ofMillis(Long.MAX_VALUE));
  }

  /**
   * Closes the current producer (its sends complete within {@code timeout}); sends still held for
   * want of a cluster fail with a {@link KafkaException} saying they were not sent.
   */
  @Override
  public void close(Duration timeout) {
    lock.lock();
    try {
      closeStarted = true;
      closingStarted.signalAll();
    } finally {
      lock.unlock();
    }
    RouteWatcher w = watcher;
    if (w != null) {
      w.close(); // no move starts while it closes
    }
    Delegate<K, V> d;
    List<HeldSend<K, V>> dropped;
    long deadline = System.nanoTime() + (timeout.compareTo(Duration.ofDays(1)) > 0 ? TimeUnit.DAYS.toNanos(1) : timeout.toNanos());
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      dropped = new ArrayList<>(held);
      held.clear();
      changed.signalAll();
      // A move under way finishes its flush and stops handing over; what it handed over is delivered by the close below.
      long left = deadline - System.nanoTime();
      while (mover && left > 0 && !IN_CALLBACK.get()) {
        left = changed.awaitNanos(left);
      }
      d = open != null ? open : pending;
      open = null;
      pending = null;
    } catch (InterruptedException e) {
      throw new InterruptException(e);
    } finally {
      lock.unlock();
    }
    KafkaException notSent = notSent();
    dropped.forEach(h -> h.fail(notSent));
    if (d != null) {
      d.producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
    for (Thread t : closing) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }
}
