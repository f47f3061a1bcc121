package io.kmigrate.workflows.contract;

import java.util.List;

/**
 * The mirror's state when the wait ended: caught up (held for stableFor), or not, with what a
 * person must see. {@code backlogOffsets}: the source offsets (records, plus any transaction
 * markers) held when the wait started; {@code backlogMs}: from then until the mirror had copied
 * them (-1 if it had not), so backlogOffsets / backlogMs is the copy's rate.
 */
public record MirrorCaughtUp(
    boolean caughtUp, long totalLag, List<PartitionMirrorLag> partitions, long heldForMs, String trouble,
    long backlogMs, long backlogOffsets) {
  public MirrorCaughtUp {
    partitions = List.copyOf(partitions);
  }
}
