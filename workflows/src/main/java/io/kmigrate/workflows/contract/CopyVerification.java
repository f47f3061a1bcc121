package io.kmigrate.workflows.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** Whether a mirror copied every compared source record, in order, to the target. */
public record CopyVerification(
    List<PartitionCopyCheck> partitions, long sourceRecords, long targetRecords, long bytes, boolean checksumsMatch) {
  public CopyVerification {
    partitions = List.copyOf(partitions);
  }

  /** The partitions whose copy differs from the source; empty when {@link #checksumsMatch}. */
  @JsonIgnore
  public List<PartitionCopyCheck> differing() {
    return partitions.stream().filter(p -> !p.matches()).toList();
  }
}
