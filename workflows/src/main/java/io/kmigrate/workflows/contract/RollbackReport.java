package io.kmigrate.workflows.contract;

import java.util.List;

/**
 * What an abort after cutover undid and what it could not: the clients pointed back, whether the
 * traffic shows producers back on the source, and the records left on the target that the plan's
 * groups have not consumed (per group, topic and partition, the worst {@link LagSnapshot#SENT_PARTITIONS} of
 * them; {@code strandedTotal} counts all), to drain or mirror back.
 */
public record RollbackReport(
    String reason, String by, List<String> repointedBack, boolean producersBack, List<PartitionLag> stranded, long strandedTotal) {
  public RollbackReport {
    repointedBack = List.copyOf(repointedBack);
    stranded = List.copyOf(stranded);
  }
}
