package io.kmigrate.clients.spring;

import io.kmigrate.clients.RouteWatcher;
import io.kmigrate.clients.RoutingConsumer;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * Spring Kafka's consumer factory whose consumers follow a route: a listener container built on it
 * reads from whichever cluster kmigrate's routing API names for {@code route}'s client, and moves
 * as a {@link RoutingConsumer} does, inside the container's own poll loop: the container's
 * rebalance handling sees the old cluster's partitions revoked (and commits what it holds), then
 * the new cluster's assigned. Each consumer the factory makes has a watcher of its own.
 * {@code bootstrap.servers} in the configs is ignored; deserializers given as instances are shared
 * by each cluster's consumer (give suppliers that make new ones, or classes in the configs).
 */
public class RoutingConsumerFactory<K, V> extends DefaultKafkaConsumerFactory<K, V> {
  private final RouteWatcher.Options route;

  public RoutingConsumerFactory(Map<String, Object> configs, RouteWatcher.Options route) {
    super(configs);
    this.route = Objects.requireNonNull(route, "route");
  }

  public RoutingConsumerFactory(Map<String, Object> configs, Supplier<Deserializer<K>> keyDeserializer,
      Supplier<Deserializer<V>> valueDeserializer, RouteWatcher.Options route) {
    super(configs, keyDeserializer, valueDeserializer);
    this.route = Objects.requireNonNull(route, "route");
  }

  @Override
  protected Consumer<K, V> createRawConsumer(Map<String, Object> configProps) {
    // Instances are used as given (Kafka does not configure them): null stands for the classes in the configs.
    return RoutingConsumer.following(configProps, route, config -> new KafkaConsumer<>(config, getKeyDeserializer(), getValueDeserializer()));
  }
}
