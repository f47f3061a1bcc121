package io.kmigrate.clients;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.SubscriptionPattern;
import org.apache.kafka.common.TopicPartition;

/**
 * What an application asked its consumer to read — topics, a pattern, a broker-side pattern
 * (KIP-848), or partitions it assigned itself — kept so the consumer on the next cluster is asked
 * the same, with the same rebalance listener.
 */
sealed interface ConsumerSubscription {
  ConsumerRebalanceListener NO_LISTENER = new ConsumerRebalanceListener() {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
  };

  void applyTo(Consumer<?, ?> consumer);

  /** The topics, as {@link Consumer#subscription()} reports them while no consumer is open. */
  default Set<String> topics() {
    return Set.of();
  }

  record None() implements ConsumerSubscription {
    @Override
    public void applyTo(Consumer<?, ?> consumer) {}
  }

  record Topics(List<String> names, ConsumerRebalanceListener listener) implements ConsumerSubscription {
    Topics(Collection<String> names, ConsumerRebalanceListener listener) {
      this(List.copyOf(names), listener == null ? NO_LISTENER : listener);
    }

    @Override
    public void applyTo(Consumer<?, ?> consumer) {
      consumer.subscribe(names, listener);
    }

    @Override
    public Set<String> topics() {
      return Set.copyOf(names);
    }
  }

  record Regex(Pattern pattern, ConsumerRebalanceListener listener) implements ConsumerSubscription {
    @Override
    public void applyTo(Consumer<?, ?> consumer) {
      consumer.subscribe(pattern, listener == null ? NO_LISTENER : listener);
    }
  }

  record BrokerPattern(SubscriptionPattern pattern, ConsumerRebalanceListener listener) implements ConsumerSubscription {
    @Override
    public void applyTo(Consumer<?, ?> consumer) {
      consumer.subscribe(pattern, listener == null ? NO_LISTENER : listener);
    }
  }

  record Assigned(List<TopicPartition> partitions) implements ConsumerSubscription {
    @Override
    public void applyTo(Consumer<?, ?> consumer) {
      consumer.assign(partitions);
    }
  }
}
