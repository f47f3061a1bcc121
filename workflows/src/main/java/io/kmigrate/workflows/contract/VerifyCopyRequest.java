package io.kmigrate.workflows.contract;

import java.util.List;

/** Compare each partition up to the source end offsets recorded when the mirror caught up. */
public record VerifyCopyRequest(String source, String target, List<PartitionMirrorLag> recordedEnds) {
  public VerifyCopyRequest {
    recordedEnds = List.copyOf(recordedEnds);
  }
}
