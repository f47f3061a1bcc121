package io.kmigrate.activities.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmigrate.activities.LocalClusters;
import io.kmigrate.localstack.SharedStack;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A topic is served when every partition's leader has opened it, not only when the metadata names
 * it: an idempotent producer writing the moment {@link TopicInspector#awaitServed} returns has
 * every batch acknowledged. Writing the moment the metadata named the topic, the first producer
 * after a local broker's readiness write lost batches to OutOfOrderSequenceException in 3 runs
 * of 11 of {@code bench mirror --smoke} (KAFKA-15591).
 */
class TopicServedTest {
  private static final int TOPICS = 8;
  private static final int PARTITIONS = 8;
  private static final int RECORDS = 4_000;

  @Test
  void anIdempotentProducerWritingTheMomentItsNewTopicIsServedHasEveryBatchAcknowledged() throws Exception {
    Admin admin = LocalClusters.shared().admin("target");
    TopicInspector inspector = new TopicInspector(admin);
    admin.createTopics(List.of(new NewTopic("served.warm", 1, (short) 1))).all().get();
    inspector.awaitServed(List.of("served.warm"), Duration.ofSeconds(30), () -> { });
    AtomicReference<Exception> failed = new AtomicReference<>();
    AtomicInteger acknowledged = new AtomicInteger();
    try (KafkaProducer<String, String> producer = manyBatchesInFlight()) {
      // Its producer id is taken before the topics exist, so its first batches arrive at once.
      producer.send(new ProducerRecord<>("served.warm", "warm")).get();
      for (int t = 0; t < TOPICS; t++) {
        String topic = "served.t" + t;
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        inspector.awaitServed(List.of(topic), Duration.ofSeconds(30), () -> { });
        for (int i = 0; i < RECORDS; i++) {
          producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i), (meta, e) -> {
            if (e == null) {
              acknowledged.incrementAndGet();
            } else {
              failed.compareAndSet(null, e);
            }
          });
        }
        producer.flush();
      }
    }
    assertThat(failed.get()).as("a send's failure").isNull();
    assertThat(acknowledged.get()).isEqualTo(TOPICS * RECORDS);
  }

  @Test
  void aTopicTheClusterDoesNotHaveIsNotServedAndTheErrorNamesIt() throws Exception {
    TopicInspector inspector = new TopicInspector(LocalClusters.shared().admin("target"));
    assertThatThrownBy(() -> inspector.awaitServed(List.of("served.never-created"), Duration.ofMillis(300), () -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("served.never-created");
  }

  /** Small batches, no linger, five requests in flight: each partition has several batches on the wire. */
  private static KafkaProducer<String, String> manyBatchesInFlight() throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.stack().target().bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512);
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }
}
