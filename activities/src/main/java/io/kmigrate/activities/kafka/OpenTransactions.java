package io.kmigrate.activities.kafka;

import static io.kmigrate.activities.kafka.KafkaCalls.get;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;

/**
 * The transactions open on some partitions, as {@code kafka-transactions.sh} finds them: each
 * partition's producers with a transaction in progress there ({@code describeProducers}), their
 * transactional ids ({@code listTransactions} by producer id) and the coordinators' view
 * ({@code describeTransactions}). A read_committed consumer cannot read past the first of them.
 */
public final class OpenTransactions {
  /**
   * Kafka's default {@code transaction.max.timeout.ms}: no transaction may stay open longer, so one
   * its coordinator does not know that has been open for longer is hanging.
   */
  public static final Duration MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

  private OpenTransactions() {}

  /**
   * One open transaction on one partition.
   *
   * @param transactionalId null when no coordinator knows the producer (a hanging transaction)
   * @param state the coordinator's state of the transaction, null when unknown
   * @param openSinceMillis when it began (the coordinator's start time, else the producer's last write on the partition)
   * @param hanging open longer than any transaction may be, and its coordinator has no such transaction
   *     in progress: only an administrator's abort ends it
   */
  public record Open(
      TopicPartition partition, long producerId, int producerEpoch, long startOffset, String transactionalId, String state,
      long openSinceMillis, boolean hanging) {
    /** "transaction 'payments-tx' (producer 4001, epoch 2) open on orders-3 from offset 1200 for 14 s (ONGOING)". */
    public String describe(long nowMillis) {
      long openForMs = Math.max(0, nowMillis - openSinceMillis);
      boolean suspect = !hanging && transactionalId == null && openForMs > MAX_TRANSACTION_TIMEOUT.toMillis();
      String who = transactionalId == null ? "a transaction no coordinator listed" : "transaction '" + transactionalId + "'";
      return (hanging ? "hanging " : "") + who + " (producer " + producerId + ", epoch " + producerEpoch + ") open on "
          + partition.topic() + "-" + partition.partition() + " from offset " + startOffset + " for " + openForMs / 1000 + " s"
          + (state == null ? "" : " (" + state + ")")
          + (suspect ? "; possibly hanging, or this principal may not DESCRIBE its transactional id" : "")
          + (hanging || suspect ? "; if it hangs, abort it: kafka-transactions.sh abort --topic " + partition.topic() + " --partition "
              + partition.partition() + " --start-offset " + startOffset : "");
    }
  }

  /** The transactions open on {@code partitions} now, oldest first. */
  public static List<Open> on(Admin admin, Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return List.of();
    }
    Map<TopicPartition, PartitionProducerState> producers = get(admin.describeProducers(partitions).all());
    List<Candidate> candidates = new ArrayList<>();
    producers.forEach((tp, state) -> state.activeProducers().stream()
        .filter(p -> p.currentTransactionStartOffset().isPresent())
        .forEach(p -> candidates.add(new Candidate(tp, p))));
    if (candidates.isEmpty()) {
      return List.of();
    }
    Set<Long> producerIds = candidates.stream().map(c -> c.producer().producerId()).collect(Collectors.toSet());
    Map<Long, String> ids = new HashMap<>();
    for (TransactionListing l : get(admin.listTransactions(new ListTransactionsOptions().filterProducerIds(producerIds)).all())) {
      ids.put(l.producerId(), l.transactionalId());
    }
    Map<String, TransactionDescription> described = ids.isEmpty() ? Map.of() : get(admin.describeTransactions(ids.values()).all());
    long now = System.currentTimeMillis();
    List<Open> open = candidates.stream()
        .map(c -> judge(c.partition(), c.producer(), ids.get(c.producer().producerId()),
            described.get(ids.get(c.producer().producerId())), now))
        .sorted(Comparator.comparingLong(Open::openSinceMillis))
        .toList();
    return open.stream().anyMatch(Open::hanging) ? lookedAtAgain(admin, open) : open;
  }

  /**
   * A transaction that looks hanging may only have ended between the calls above: the partitions
   * are described again, and one no longer open there from the same offset is left out.
   */
  private static List<Open> lookedAtAgain(Admin admin, List<Open> open) {
    Set<TopicPartition> suspects = open.stream().filter(Open::hanging).map(Open::partition).collect(Collectors.toSet());
    Map<TopicPartition, PartitionProducerState> again = get(admin.describeProducers(suspects).all());
    return open.stream().filter(o -> !o.hanging() || again.getOrDefault(o.partition(), new PartitionProducerState(List.of())).activeProducers()
        .stream().anyMatch(p -> p.producerId() == o.producerId() && p.producerEpoch() == o.producerEpoch()
            && p.currentTransactionStartOffset().orElse(-1) == o.startOffset())).toList();
  }

  private record Candidate(TopicPartition partition, ProducerState producer) {}

  /**
   * Hanging, as {@code kafka-transactions.sh find-hanging} decides: the partition holds the
   * producer's transaction open, but its coordinator, which answered, has none in progress for
   * that producer and epoch on that partition, and it has been open longer than any transaction
   * may be. A transaction no coordinator listed is not called hanging: the principal may only lack
   * DESCRIBE on its transactional id ({@link Open#describe} says "possibly hanging").
   */
  static Open judge(TopicPartition tp, ProducerState p, String transactionalId, TransactionDescription d, long nowMillis) {
    long since = d != null && d.transactionStartTimeMs().isPresent() ? d.transactionStartTimeMs().getAsLong() : p.lastTimestamp();
    boolean inProgress = d != null
        && d.producerId() == p.producerId()
        && d.producerEpoch() == p.producerEpoch()
        && d.topicPartitions().contains(tp)
        && (d.state() == TransactionState.ONGOING || d.state() == TransactionState.PREPARE_COMMIT || d.state() == TransactionState.PREPARE_ABORT);
    boolean hanging = d != null && !inProgress && nowMillis - p.lastTimestamp() > MAX_TRANSACTION_TIMEOUT.toMillis();
    return new Open(tp, p.producerId(), p.producerEpoch(), p.currentTransactionStartOffset().getAsLong(), transactionalId,
        d == null ? null : d.state().name(), since, hanging);
  }
}
