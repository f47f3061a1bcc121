package io.kmigrate.clients;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.consumer.SubscriptionPattern;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Consumer} that reads from whichever cluster its route names, used where an application
 * used a {@code KafkaConsumer}, from one thread as that one is. {@link #reroute} may be called
 * from any thread (a {@link RouteWatcher}'s listener does); the move happens in the application's
 * next {@link #poll}, so it never lands in the middle of a batch being processed:
 * <ol>
 *   <li>it commits, for every assigned partition, the offset after the last record polls returned
 *       (which the application processed before polling again), unless {@code enable.auto.commit}
 *       is on, in which case the close commits them;</li>
 *   <li>closes the consumer, leaving the group (a static member too): the rebalance listener sees
 *       its partitions revoked (or lost, if the group was rebalancing);</li>
 *   <li>starts a consumer on the new cluster with the same subscription and listener, which then
 *       sees the new cluster's partitions assigned, read from the group's commits there (kmigrate
 *       seeds them before it moves the route).</li>
 * </ol>
 * A stop route closes the consumer the same way and polls return nothing until the next route;
 * before its first route the consumer reads nothing. Partitions paused with {@link #pause} are
 * per cluster: a move resumes them. A poll waits at most 100 ms at a time on the cluster so that a
 * move is taken up within that while the application polls with a long timeout; no
 * {@code wakeup()} is used for it, so none reaches the application's own calls.
 */
public final class RoutingConsumer<K, V> implements Consumer<K, V> {
  private static final Logger log = LoggerFactory.getLogger(RoutingConsumer.class);
  private static final Duration SLICE = Duration.ofMillis(100);
  /** How long leaving a cluster may take: its commit, then its close. */
  private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(10);

  private final Map<String, Object> kafka;
  private final Function<Map<String, Object>, Consumer<K, V>> factory;
  private final boolean autoCommit;
  private final List<KafkaMetric> subscribedMetrics = new CopyOnWriteArrayList<>();
  /** The watcher {@link #following} started, closed with this consumer. */
  private volatile RouteWatcher watcher;
  private final List<ConsumerSwitch> switches = new CopyOnWriteArrayList<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition routed = lock.newCondition();
  // Guarded by lock: written by reroute and wakeup, read by the polling thread.
  private Route wanted;
  private boolean wakeupAsked;
  private boolean moving;

  // The polling thread's own.
  private volatile Consumer<K, V> delegate;
  private volatile Route route;
  private ConsumerSubscription subscription = new ConsumerSubscription.None();
  /** The offset after the last record polls returned, per partition: what the application has processed once it polls again. */
  private final Map<TopicPartition, OffsetAndMetadata> returned = new HashMap<>();
  private boolean closed;

  /** A consumer of {@code configs} (deserializers as classes, as for {@code KafkaConsumer}); it reads nothing until its first route. */
  public RoutingConsumer(Map<String, ?> configs) {
    this(configs, KafkaConsumer::new);
  }

  /**
   * A consumer that makes each cluster's consumer with {@code factory} from {@code configs} and the
   * route's {@code bootstrap.servers} (Spring Kafka's {@code ConsumerFactory::createConsumer} fits,
   * see docs/clients.md). Each call must return a new consumer: the old one is closed.
   */
  public RoutingConsumer(Map<String, ?> configs, Function<Map<String, Object>, Consumer<K, V>> factory) {
    Map<String, Object> c = new HashMap<>(configs);
    c.remove("bootstrap.servers");
    this.kafka = Collections.unmodifiableMap(c); // Kafka takes null values: Map.copyOf would not
    this.factory = Objects.requireNonNull(factory, "factory");
    Object auto = c.get("enable.auto.commit");
    this.autoCommit = c.get("group.id") != null && (auto == null || Boolean.parseBoolean(auto.toString()));
  }

  /**
   * A consumer of {@code configs} that follows the route {@code route} names, with a {@link RouteWatcher} of its
   * own, closed with it: the usual way to use one.
   */
  public static <K, V> RoutingConsumer<K, V> following(Map<String, ?> configs, RouteWatcher.Options route) {
    return following(configs, route, KafkaConsumer::new);
  }

  /** As {@link #following(Map, RouteWatcher.Options)}, each cluster's consumer made by {@code factory}. */
  public static <K, V> RoutingConsumer<K, V> following(Map<String, ?> configs, RouteWatcher.Options route,
      Function<Map<String, Object>, Consumer<K, V>> factory) {
    RoutingConsumer<K, V> c = new RoutingConsumer<>(configs, factory);
    c.watcher = RouteWatcher.start(route, c::reroute);
    return c;
  }

  /** Records {@code next}; the polling thread moves to it in its next {@link #poll} if its version differs. */
  public void reroute(Route next) {
    lock.lock();
    try {
      wanted = Objects.requireNonNull(next, "next");
      routed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private Route wanted() {
    lock.lock();
    try {
      return wanted;
    } finally {
      lock.unlock();
    }
  }

  /** Moves if the route changed: on the polling thread only. */
  private void follow() {
    Route next = wanted();
    if (next == null || (route != null && route.version() == next.version())) {
      return;
    }
    Consumer<K, V> old = delegate;
    if ((old != null && !next.stopped() && route.cluster().equals(next.cluster())) || (old == null && next.stopped())) {
      route = next; // the same cluster under a new version, or still none
      return;
    }
    long leaving = System.nanoTime();
    if (old != null) {
      setMoving(true);
      try {
        leave(old);
      } finally {
        delegate = null;
        setMoving(false);
      }
    }
    long leaveMs = (System.nanoTime() - leaving) / 1_000_000;
    Route from = route;
    if (!next.stopped()) {
      Consumer<K, V> fresh = factory.apply(RoutingSettings.forRoute(kafka, next));
      try {
        subscribedMetrics.forEach(fresh::registerMetricForSubscription);
        subscription.applyTo(fresh);
      } catch (RuntimeException e) {
        fresh.close(Duration.ZERO);
        throw e; // the route stays unfollowed: the next poll tries again
      }
      delegate = fresh;
    }
    route = next;
    String fromCluster = from == null || from.stopped() || old == null ? null : from.cluster();
    switches.add(new ConsumerSwitch(fromCluster, next.stopped() ? null : next.cluster(), next.version(), leaveMs));
    log.info("consumer moved from {} to {} (route version {}): committed and left the old group in {} ms",
        fromCluster == null ? "nowhere" : fromCluster, next.stopped() ? "nowhere (stop: polls return nothing)" : next.cluster(),
        next.version(), leaveMs);
  }

  private void setMoving(boolean now) {
    lock.lock();
    try {
      moving = now;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Commits what the application processed — the offsets after the records polls returned, so a
   * cluster that stopped answering costs one bounded commit, not a position lookup per partition —
   * and leaves the group (static members too); the listener sees the revoke during the close.
   */
  private void leave(Consumer<K, V> old) {
    if (!autoCommit && kafka.get("group.id") != null) {
      Set<TopicPartition> assigned = old.assignment();
      Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>(returned);
      processed.keySet().retainAll(assigned);
      for (int attempt = 1; attempt <= 2 && !processed.isEmpty(); attempt++) {
        try {
          old.commitSync(processed, LEAVE_TIMEOUT);
          break;
        } catch (WakeupException e) {
          wakeupDuringMove(); // the application's: it reaches its next poll
        } catch (KafkaException e) {
          // The new cluster's group starts from the last commit kmigrate translated: records may come again, none is skipped.
          log.warn("committing {} partition(s) before leaving {} failed: {}; the records since the last commit may be read again",
              processed.size(), route.cluster(), e.toString());
          break;
        }
      }
    }
    returned.clear();
    try {
      old.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(LEAVE_TIMEOUT));
    } catch (WakeupException e) {
      wakeupDuringMove();
    } catch (KafkaException e) {
      log.warn("closing the consumer on {} failed: {}", route.cluster(), e.toString());
    }
  }

  private void wakeupDuringMove() {
    lock.lock();
    try {
      wakeupAsked = true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ConsumerRecords<K, V> poll(Duration timeout) {
    throwIfClosed();
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("Timeout must not be negative");
    }
    long deadline = System.nanoTime() + (timeout.compareTo(Duration.ofDays(1)) > 0 ? TimeUnit.DAYS.toNanos(1) : timeout.toNanos());
    while (true) {
      takeWakeup();
      follow();
      long left = deadline - System.nanoTime();
      Consumer<K, V> d = delegate;
      if (d == null) {
        if (left <= 0 || !awaitRoute(left)) {
          takeWakeup();
          return ConsumerRecords.empty();
        }
        continue;
      }
      ConsumerRecords<K, V> records = d.poll(left <= 0 ? Duration.ZERO : left < SLICE.toNanos() ? Duration.ofNanos(left) : SLICE);
      returned.putAll(records.nextOffsets());
      if (!records.isEmpty() || System.nanoTime() >= deadline) {
        return records;
      }
    }
  }

  /** Waits for a route change or a wakeup; false when the time ran out. */
  private boolean awaitRoute(long nanos) {
    lock.lock();
    try {
      long left = nanos;
      while (!wakeupAsked && (wanted == null || (route != null && wanted.version() == route.version()))) {
        if (left <= 0) {
          return false;
        }
        left = routed.awaitNanos(left);
      }
      return true;
    } catch (InterruptedException e) {
      throw new InterruptException(e);
    } finally {
      lock.unlock();
    }
  }

  /** A wakeup asked while no consumer was open is thrown here, as KafkaConsumer throws it in the next blocking call. */
  private void takeWakeup() {
    lock.lock();
    try {
      if (wakeupAsked) {
        wakeupAsked = false;
        throw new WakeupException();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Thread-safe, as KafkaConsumer's: one asked during a move or with no cluster is kept for the next poll. */
  @Override
  public void wakeup() {
    lock.lock();
    try {
      Consumer<K, V> d = delegate;
      if (d != null && !moving) {
        d.wakeup();
        return;
      }
      wakeupAsked = true;
      routed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void throwIfClosed() {
    if (closed) {
      throw new IllegalStateException("This consumer has already been closed.");
    }
  }

  /** Runs {@code action} on the current cluster's consumer; with none there is nothing to do. */
  private void whenOpen(java.util.function.Consumer<Consumer<K, V>> action) {
    Consumer<K, V> d = delegate;
    if (d != null) {
      action.accept(d);
    }
  }

  /** The current cluster's consumer, or an error saying there is none. */
  private Consumer<K, V> open(String what) {
    throwIfClosed();
    Consumer<K, V> d = delegate;
    if (d == null) {
      throw new IllegalStateException(what + ": no cluster to read from (" + (route == null ? "no route yet" : "route stopped") + ")");
    }
    return d;
  }

  // What the application asked for is remembered, so the next cluster's consumer is asked the same.

  @Override
  public void subscribe(Collection<String> topics) {
    subscribe(topics, null);
  }

  @Override
  public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
    setSubscription(topics.isEmpty() ? new ConsumerSubscription.None() : new ConsumerSubscription.Topics(topics, listener));
  }

  @Override
  public void subscribe(Pattern pattern) {
    subscribe(pattern, null);
  }

  @Override
  public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
    setSubscription(new ConsumerSubscription.Regex(pattern, listener));
  }

  @Override
  public void subscribe(SubscriptionPattern pattern) {
    subscribe(pattern, null);
  }

  @Override
  public void subscribe(SubscriptionPattern pattern, ConsumerRebalanceListener listener) {
    setSubscription(new ConsumerSubscription.BrokerPattern(pattern, listener));
  }

  @Override
  public void assign(Collection<TopicPartition> partitions) {
    setSubscription(partitions.isEmpty() ? new ConsumerSubscription.None() : new ConsumerSubscription.Assigned(List.copyOf(partitions)));
  }

  @Override
  public void unsubscribe() {
    throwIfClosed();
    subscription = new ConsumerSubscription.None();
    whenOpen(d -> d.unsubscribe());
  }

  private void setSubscription(ConsumerSubscription s) {
    throwIfClosed();
    Consumer<K, V> d = delegate;
    if (d != null) {
      if (s instanceof ConsumerSubscription.None) {
        d.unsubscribe();
      } else {
        s.applyTo(d);
      }
    }
    subscription = s;
  }

  @Override
  public Set<TopicPartition> assignment() {
    Consumer<K, V> d = delegate;
    return d == null ? Set.of() : d.assignment();
  }

  @Override
  public Set<String> subscription() {
    Consumer<K, V> d = delegate;
    return d == null ? subscription.topics() : d.subscription();
  }

  // Commits go to the current cluster; with none, there is nothing assigned to commit.

  @Override
  public void commitSync() {
    whenOpen(d -> d.commitSync());
  }

  @Override
  public void commitSync(Duration timeout) {
    whenOpen(d -> d.commitSync(timeout));
  }

  @Override
  public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (!offsets.isEmpty()) {
      open("commitSync").commitSync(offsets);
    }
  }

  @Override
  public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
    if (!offsets.isEmpty()) {
      open("commitSync").commitSync(offsets, timeout);
    }
  }

  @Override
  public void commitAsync() {
    whenOpen(d -> d.commitAsync());
  }

  @Override
  public void commitAsync(OffsetCommitCallback callback) {
    whenOpen(d -> d.commitAsync(callback));
  }

  @Override
  public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
    if (!offsets.isEmpty()) {
      open("commitAsync").commitAsync(offsets, callback);
    }
  }

  @Override
  public void registerMetricForSubscription(KafkaMetric metric) {
    subscribedMetrics.add(metric);
    whenOpen(d -> d.registerMetricForSubscription(metric));
  }

  @Override
  public void unregisterMetricFromSubscription(KafkaMetric metric) {
    subscribedMetrics.remove(metric);
    whenOpen(d -> d.unregisterMetricFromSubscription(metric));
  }

  @Override
  public void seek(TopicPartition partition, long offset) {
    open("seek").seek(partition, offset);
  }

  @Override
  public void seek(TopicPartition partition, OffsetAndMetadata offsetAndMetadata) {
    open("seek").seek(partition, offsetAndMetadata);
  }

  @Override
  public void seekToBeginning(Collection<TopicPartition> partitions) {
    open("seekToBeginning").seekToBeginning(partitions);
  }

  @Override
  public void seekToEnd(Collection<TopicPartition> partitions) {
    open("seekToEnd").seekToEnd(partitions);
  }

  @Override
  public long position(TopicPartition partition) {
    return open("position").position(partition);
  }

  @Override
  public long position(TopicPartition partition, Duration timeout) {
    return open("position").position(partition, timeout);
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
    return open("committed").committed(partitions);
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout) {
    return open("committed").committed(partitions, timeout);
  }

  @Override
  public Uuid clientInstanceId(Duration timeout) {
    return open("clientInstanceId").clientInstanceId(timeout);
  }

  /** The current cluster's consumer metrics; none while there is no cluster. */
  @Override
  public Map<MetricName, ? extends Metric> metrics() {
    Consumer<K, V> d = delegate;
    return d == null ? Map.of() : d.metrics();
  }

  @Override
  public List<PartitionInfo> partitionsFor(String topic) {
    return open("partitionsFor").partitionsFor(topic);
  }

  @Override
  public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
    return open("partitionsFor").partitionsFor(topic, timeout);
  }

  @Override
  public Map<String, List<PartitionInfo>> listTopics() {
    return open("listTopics").listTopics();
  }

  @Override
  public Map<String, List<PartitionInfo>> listTopics(Duration timeout) {
    return open("listTopics").listTopics(timeout);
  }

  @Override
  public Set<TopicPartition> paused() {
    Consumer<K, V> d = delegate;
    return d == null ? Set.of() : d.paused();
  }

  @Override
  public void pause(Collection<TopicPartition> partitions) {
    if (!partitions.isEmpty() || delegate != null) { // nothing to pause while no cluster is read (a container pausing all of none)
      open("pause").pause(partitions);
    }
  }

  @Override
  public void resume(Collection<TopicPartition> partitions) {
    if (!partitions.isEmpty() || delegate != null) {
      open("resume").resume(partitions);
    }
  }

  @Override
  public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch) {
    return open("offsetsForTimes").offsetsForTimes(timestampsToSearch);
  }

  @Override
  public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch, Duration timeout) {
    return open("offsetsForTimes").offsetsForTimes(timestampsToSearch, timeout);
  }

  @Override
  public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
    return open("beginningOffsets").beginningOffsets(partitions);
  }

  @Override
  public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout) {
    return open("beginningOffsets").beginningOffsets(partitions, timeout);
  }

  @Override
  public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
    return open("endOffsets").endOffsets(partitions);
  }

  @Override
  public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
    return open("endOffsets").endOffsets(partitions, timeout);
  }

  @Override
  public OptionalLong currentLag(TopicPartition topicPartition) {
    Consumer<K, V> d = delegate;
    return d == null ? OptionalLong.empty() : d.currentLag(topicPartition);
  }

  /** The current cluster's group metadata; with none, the group id alone (a transaction cannot send offsets then anyway). */
  @Override
  public ConsumerGroupMetadata groupMetadata() {
    Consumer<K, V> d = delegate;
    return d != null ? d.groupMetadata() : new ConsumerGroupMetadata(Objects.toString(kafka.get("group.id"), ""));
  }

  @Override
  public void enforceRebalance() {
    whenOpen(d -> d.enforceRebalance());
  }

  @Override
  public void enforceRebalance(String reason) {
    whenOpen(d -> d.enforceRebalance(reason));
  }

  /** The route it follows now (null before the first it moved to). */
  public Route route() {
    return route;
  }

  /** Every move so far, oldest first. */
  public List<ConsumerSwitch> switches() {
    return List.copyOf(switches);
  }

  @Override
  public void close() {
    close(CloseOptions.timeout(Duration.ofSeconds(30)));
  }

  @Override
  public void close(Duration timeout) {
    close(CloseOptions.timeout(timeout));
  }

  @Override
  public void close(CloseOptions option) {
    if (closed) {
      return;
    }
    closed = true;
    RouteWatcher w = watcher;
    if (w != null) {
      w.close();
    }
    Consumer<K, V> d = delegate;
    delegate = null;
    if (d != null) {
      d.close(option);
    }
  }
}
