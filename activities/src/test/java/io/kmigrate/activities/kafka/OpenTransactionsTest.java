package io.kmigrate.activities.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Open or hanging, as kafka-transactions.sh find-hanging tells them apart. */
class OpenTransactionsTest {
  static final TopicPartition ORDERS_3 = new TopicPartition("orders", 3);
  static final long NOW = 1_800_000_000_000L;
  static final long HOUR = 3_600_000L;

  static ProducerState openSince(long lastWrite) {
    return new ProducerState(4001, 2, 17, lastWrite, OptionalInt.of(1), OptionalLong.of(1200));
  }

  static TransactionDescription coordinator(TransactionState state, int epoch, Set<TopicPartition> partitions) {
    return new TransactionDescription(1, state, 4001, epoch, 60_000, OptionalLong.of(NOW - HOUR), partitions);
  }

  @Test
  void aTransactionItsCoordinatorHasInProgressIsOpenNotHangingHoweverOld() {
    OpenTransactions.Open t = OpenTransactions.judge(
        ORDERS_3, openSince(NOW - HOUR), "payments-tx", coordinator(TransactionState.ONGOING, 2, Set.of(ORDERS_3)), NOW);

    assertThat(t.hanging()).isFalse();
    assertThat(t.describe(NOW)).isEqualTo(
        "transaction 'payments-tx' (producer 4001, epoch 2) open on orders-3 from offset 1200 for 3600 s (ONGOING)");
  }

  @Test
  void aTransactionItsCoordinatorCompletedLongAgoIsHangingAndSaysHowToAbortIt() {
    OpenTransactions.Open t = OpenTransactions.judge(
        ORDERS_3, openSince(NOW - HOUR), "payments-tx", coordinator(TransactionState.COMPLETE_COMMIT, 2, Set.of(ORDERS_3)), NOW);

    assertThat(t.hanging()).isTrue();
    assertThat(t.describe(NOW)).startsWith("hanging transaction 'payments-tx' (producer 4001, epoch 2) open on orders-3")
        .endsWith("abort it: kafka-transactions.sh abort --topic orders --partition 3 --start-offset 1200");
  }

  @Test
  void aTransactionNoCoordinatorListedIsOnlyPossiblyHanging() {
    // listTransactions leaves out the ids this principal may not DESCRIBE: that is not proof of a hang.
    OpenTransactions.Open t = OpenTransactions.judge(ORDERS_3, openSince(NOW - HOUR), null, null, NOW);

    assertThat(t.hanging()).isFalse();
    assertThat(t.describe(NOW)).startsWith("a transaction no coordinator listed (producer 4001, epoch 2)")
        .contains("possibly hanging, or this principal may not DESCRIBE its transactional id");
  }

  @Test
  void aCoordinatorWhoseTransactionIsOnOtherPartitionsOrANewEpochLeavesItHanging() {
    assertThat(OpenTransactions.judge(ORDERS_3, openSince(NOW - HOUR), "payments-tx",
        coordinator(TransactionState.ONGOING, 2, Set.of(new TopicPartition("orders", 4))), NOW).hanging()).isTrue();
    assertThat(OpenTransactions.judge(ORDERS_3, openSince(NOW - HOUR), "payments-tx",
        coordinator(TransactionState.ONGOING, 3, Set.of(ORDERS_3)), NOW).hanging()).isTrue();
  }

  @Test
  void aRecentTransactionIsNeverHangingYet() {
    assertThat(OpenTransactions.judge(ORDERS_3, openSince(NOW - 60_000), "payments-tx",
        coordinator(TransactionState.COMPLETE_ABORT, 2, Set.of(ORDERS_3)), NOW).hanging()).isFalse();
  }
}
