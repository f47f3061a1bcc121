package org.apache.kafka.tools.consumer.group;

import io.kmigrate.bench.lag.LagRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.GroupState;

/**
 * {@code kafka-consumer-groups --bootstrap-server X --describe --all-groups} run in this JVM, its
 * rows kept as data instead of printed. It lives in Kafka's package because the command's
 * service and row type are package-private; it calls exactly what {@code describeGroups()} calls
 * before printing: the group listing, then {@code collectGroupsOffsets}.
 */
public final class ConsumerGroupsDescribe implements AutoCloseable {
  private final ConsumerGroupCommand.ConsumerGroupService service;

  public ConsumerGroupsDescribe(String bootstrapServers) {
    ConsumerGroupCommandOptions options =
        ConsumerGroupCommandOptions.fromArgs(new String[] {"--bootstrap-server", bootstrapServers, "--describe", "--all-groups"});
    service = new ConsumerGroupCommand.ConsumerGroupService(options, Map.of());
  }

  /** One describe of every consumer group: what the command would print, not yet turned into rows. */
  public Described describeAllGroups() throws Exception {
    return new Described(service.collectGroupsOffsets(service.listConsumerGroups()));
  }

  /** The command's own result; {@link #rows} turns it into comparable rows outside the timing. */
  public static final class Described {
    private final TreeMap<String, Entry<Optional<GroupState>, Optional<Collection<PartitionAssignmentState>>>> offsets;

    private Described(TreeMap<String, Entry<Optional<GroupState>, Optional<Collection<PartitionAssignmentState>>>> offsets) {
      this.offsets = offsets;
    }

    /**
     * Every printed row, sorted; a column the command prints as "-" (no topic, no lag: a partition
     * without a leader or a commit) is -1 here, so it cannot pass for a real value.
     */
    public List<LagRow> rows() {
      List<LagRow> out = new ArrayList<>();
      offsets.forEach((group, stateAndRows) -> stateAndRows.getValue().ifPresent(rows -> rows.forEach(r ->
          out.add(new LagRow(group, r.topic().orElse("-"), r.partition().orElse(-1), r.lag().orElse(-1L))))));
      return out.stream().sorted().toList();
    }
  }

  @Override
  public void close() {
    service.close();
  }
}
