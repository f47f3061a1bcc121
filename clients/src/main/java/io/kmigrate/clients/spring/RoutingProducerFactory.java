package io.kmigrate.clients.spring;

import io.kmigrate.clients.RouteWatcher;
import io.kmigrate.clients.RoutingProducer;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Spring Kafka's producer factory whose producers follow a route: a {@code KafkaTemplate} built on
 * it sends to whichever cluster kmigrate's routing API names for {@code route}'s client, and moves
 * as a {@link RoutingProducer} does. Everything else is {@link DefaultKafkaProducerFactory}'s: the
 * shared producer, transactional producers (each its own routing producer), physical close on
 * {@code destroy()} or {@code reset()}. {@code bootstrap.servers} in the configs is ignored.
 * Serializers given as instances are asked of their suppliers for each cluster's producer; give
 * suppliers that make new ones, or classes in the configs, since a producer closes its serializers.
 */
public class RoutingProducerFactory<K, V> extends DefaultKafkaProducerFactory<K, V> {
  private final RouteWatcher.Options route;

  public RoutingProducerFactory(Map<String, Object> configs, RouteWatcher.Options route) {
    super(configs);
    this.route = Objects.requireNonNull(route, "route");
  }

  public RoutingProducerFactory(Map<String, Object> configs, Supplier<Serializer<K>> keySerializer, Supplier<Serializer<V>> valueSerializer,
      RouteWatcher.Options route) {
    super(configs, keySerializer, valueSerializer);
    this.route = Objects.requireNonNull(route, "route");
  }

  /** A routing producer with a watcher of its own; Spring's close of it closes the watcher too. */
  @Override
  protected Producer<K, V> createRawProducer(Map<String, Object> rawConfigs) {
    Supplier<Serializer<K>> keys = getKeySerializerSupplier();
    Supplier<Serializer<V>> values = getValueSerializerSupplier();
    return RoutingProducer.following(rawConfigs, route,
        config -> new KafkaProducer<>(config, keys == null ? null : keys.get(), values == null ? null : values.get()));
  }
}
