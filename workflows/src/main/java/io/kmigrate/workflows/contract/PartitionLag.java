package io.kmigrate.workflows.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One group's position on one partition. {@code committed} is -1 when the group has no commit
 * there; lag is then counted from the log start, never read as zero. {@code lag} runs to the log
 * end, as a read_uncommitted consumer reads; {@code lastStable} is the last stable offset, which a
 * read_committed consumer cannot pass while a transaction is open before it (null where not read).
 */
public record PartitionLag(
    String group, String topic, int partition, long committed, long logStart, long logEnd, long lag, Long lastStable) {
  public PartitionLag(String group, String topic, int partition, long committed, long logStart, long logEnd, long lag) {
    this(group, topic, partition, committed, logStart, logEnd, lag, null);
  }

  /**
   * The group stands at the last stable offset, below the log end: a read_committed consumer has
   * read all it can, and what remains lies behind an open transaction. (One past the last stable
   * offset reads uncommitted: it is not held.)
   */
  @JsonIgnore
  public boolean heldByOpenTransaction() {
    return lag > 0 && lastStable != null && lastStable < logEnd && logEnd - lag == lastStable;
  }

  /** The same position with {@code lag} records left. */
  public PartitionLag withLag(long lag) {
    return new PartitionLag(group, topic, partition, committed, logStart, logEnd, lag, lastStable);
  }
}
