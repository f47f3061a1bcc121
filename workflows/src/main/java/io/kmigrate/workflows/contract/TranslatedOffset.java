package io.kmigrate.workflows.contract;

/**
 * One group-partition: the group's committed offset on the source, the source offset of the
 * newest checkpoint MirrorMaker wrote for it (-1 when none), and the target offset it resumes at
 * (-1 while unknown). {@code fresh}: translated, and the checkpoint is not ahead of the committed
 * offset (which would mean the group was moved back). {@code method} says how the target offset
 * was established; where it could not be proven exact, {@code notExactBecause} says why and
 * {@code rereadAtMost} how many records resuming at MirrorMaker's translation would read again.
 */
public record TranslatedOffset(
    String topic,
    int partition,
    long sourceOffset,
    long checkpointUpstream,
    long translatedOffset,
    boolean fresh,
    HandoverMethod method,
    String notExactBecause,
    long rereadAtMost) {
  /** Translated by MirrorMaker's offset syncs only, before the records were compared. */
  public TranslatedOffset(String topic, int partition, long sourceOffset, long checkpointUpstream, long translatedOffset, boolean fresh) {
    this(topic, partition, sourceOffset, checkpointUpstream, translatedOffset, fresh, null, null, 0);
  }

  /** The same partition resuming where the records say. */
  public TranslatedOffset exactAt(long offset) {
    return new TranslatedOffset(topic, partition, sourceOffset, checkpointUpstream, offset, fresh, HandoverMethod.EXACT, null, 0);
  }

  /** The same partition at MirrorMaker's translation, because exactness could not be proven. */
  public TranslatedOffset notExact(String because, long rereadAtMost) {
    return new TranslatedOffset(topic, partition, sourceOffset, checkpointUpstream, translatedOffset, fresh, null, because, rereadAtMost);
  }

  /** A person accepted MirrorMaker's translation here. */
  public TranslatedOffset approximate() {
    return new TranslatedOffset(
        topic, partition, sourceOffset, checkpointUpstream, translatedOffset, fresh, HandoverMethod.APPROXIMATE, notExactBecause, rereadAtMost);
  }
}
