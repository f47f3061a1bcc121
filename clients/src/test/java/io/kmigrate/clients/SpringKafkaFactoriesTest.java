package io.kmigrate.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.clients.spring.RoutingConsumerFactory;
import io.kmigrate.clients.spring.RoutingProducerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/**
 * Spring Kafka on kmigrate's factories, auth on: a KafkaTemplate and a listener container follow
 * their routes through a production-first move — the producer first, the consumer once it has read
 * everything the source holds — and the container reads every record once.
 */
@ExtendWith(SharedServer.class)
class SpringKafkaFactoriesTest {

  static RouteWatcher.Options route(String client, Path token) {
    return RouteWatcher.Options.of(SharedServer.api(), client).withToken(ApiToken.fromFile(token));
  }

  @Test
  void aKafkaTemplateAndAListenerContainerMoveWithTheirRoutesAndTheContainerReadsEveryRecordOnce() throws Exception {
    String topic = "sk.orders";
    Brokers.createOnBoth(topic, 2);
    RoutingConsumerTest.seedOnTarget("sk-group", topic, 2);
    SharedServer.routes().point("sk-producer", "source", Brokers.source(1).bootstrapServers());
    SharedServer.routes().point("sk-consumer", "source", Brokers.source(1).bootstrapServers());
    Path token = RouteWatcherTest.tokenFile("vera.spring", SharedServer.VIEWER);

    RoutingProducerFactory<String, String> producers = new RoutingProducerFactory<>(Brokers.producerConfigs(), route("sk-producer", token));
    KafkaTemplate<String, String> template = new KafkaTemplate<>(producers);
    List<String> received = new CopyOnWriteArrayList<>();
    List<String> rebalances = new CopyOnWriteArrayList<>();
    ContainerProperties properties = new ContainerProperties(topic);
    properties.setMessageListener((MessageListener<String, String>) r -> received.add(r.value()));
    properties.setConsumerRebalanceListener(new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
          rebalances.add("revoked");
        }
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
          rebalances.add("assigned");
        }
      }
    });
    KafkaMessageListenerContainer<String, String> container =
        new KafkaMessageListenerContainer<>(new RoutingConsumerFactory<>(Brokers.consumerConfigs("sk-group"), route("sk-consumer", token)),
            properties);
    container.start();
    List<String> sent = new ArrayList<>();
    try {
      RouteWatcherTest.await(() -> rebalances.contains("assigned"), Duration.ofSeconds(20), "the container joined on the source");
      for (int i = 1; i <= 20; i++) {
        send(template, topic, sent, "s" + i);
      }
      RouteWatcherTest.await(() -> received.size() == 20, Duration.ofSeconds(20), "read on the source");

      // The producer moves first: it sends, one acknowledged record at a time, until the target holds some.
      SharedServer.routes().point("sk-producer", "target", Brokers.target(1).bootstrapServers());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      for (int i = 1; Brokers.read(Brokers.target(1), topic).size() < 5; i++) {
        assertThat(System.nanoTime()).as("the producer reached the target").isLessThan(deadline);
        send(template, topic, sent, "p" + i);
      }
      int onSource = Brokers.read(Brokers.source(1), topic).size();
      RouteWatcherTest.await(() -> received.size() == onSource, Duration.ofSeconds(20), "the source drained");

      SharedServer.routes().point("sk-consumer", "target", Brokers.target(1).bootstrapServers());
      RouteWatcherTest.await(() -> received.size() == sent.size(), Duration.ofSeconds(30), "the rest read on the target");
      Thread.sleep(500);
      assertThat(received).as("every record once").hasSize(sent.size()).containsExactlyInAnyOrderElementsOf(sent);
      assertThat(new HashSet<>(received)).hasSize(sent.size());
      assertThat(rebalances).containsSubsequence("assigned", "revoked", "assigned");
    } finally {
      container.stop();
      producers.destroy();
    }
  }

  static void send(KafkaTemplate<String, String> template, String topic, List<String> sent, String value) throws Exception {
    template.send(topic, "k" + sent.size() % 4, value).get(30, TimeUnit.SECONDS);
    sent.add(value);
  }
}
