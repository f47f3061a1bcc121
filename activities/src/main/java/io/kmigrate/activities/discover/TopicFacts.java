package io.kmigrate.activities.discover;

import java.util.List;
import java.util.Map;

/**
 * A topic as discovery found it: its shape and the configs set on it, when it was last written
 * ({@code OffsetSpec.maxTimestamp}; -1 when it holds no record), whether that is long enough ago to
 * call it idle, and who writes it: the producer ids with state on its partitions and the
 * transactional ids among them. Kafka keeps no client id for a producer, so none is given.
 */
public record TopicFacts(String name, int partitions, short replicationFactor, Map<String, String> configs, long records,
    long lastWriteMillis, boolean idle, int activeProducerIds, List<String> transactionalIds) {
  public TopicFacts {
    configs = Map.copyOf(configs);
    transactionalIds = List.copyOf(transactionalIds);
  }
}
