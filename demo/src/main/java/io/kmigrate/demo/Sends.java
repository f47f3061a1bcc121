package io.kmigrate.demo;

/** How a sample producer hands its records to its producer: one by one, or in transactions. */
interface Sends extends AutoCloseable {
  /**
   * Sends {@code key}'s record number {@code seq}; false when the record went into a transaction
   * that will be aborted instead (it carries no sequence, and {@code seq} is still to be sent).
   */
  boolean send(String key, long seq);

  /** Everything sent is written (an open transaction ended); the producer is its owner's to close. */
  @Override
  void close();
}
