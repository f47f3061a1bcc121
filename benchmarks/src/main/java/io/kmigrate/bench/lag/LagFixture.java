package io.kmigrate.bench.lag;

import static io.kmigrate.activities.kafka.KafkaCalls.get;

import io.kmigrate.activities.kafka.TopicInspector;
import io.kmigrate.bench.FirstSendFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a {@link LagLayout} on a cluster: the topics, each partition's records, and each group's
 * commits through the Admin API, as a group without live members (what the lag readers see of a
 * consumer that stopped) so nothing moves while the snapshots are timed.
 */
final class LagFixture {
  private static final byte[] VALUE = new byte[16];

  private LagFixture() {}

  static void write(Admin admin, String bootstrapServers, LagLayout layout) {
    get(admin.createTopics(layout.topics()).all());
    // Written the moment they are served: see TopicInspector.awaitServed.
    new TopicInspector(admin).awaitServed(layout.topics().stream().map(NewTopic::name).toList(), Duration.ofSeconds(60), () -> { });
    produce(bootstrapServers, layout);
    commit(admin, layout);
  }

  private static void produce(String bootstrapServers, LagLayout layout) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    FirstSendFailure failed = new FirstSendFailure();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < layout.partitions(); i++) {
        TopicPartition tp = layout.partition(i);
        for (long r = 0; r < layout.endOffset(i); r++) {
          producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), null, VALUE), failed);
        }
      }
      producer.flush();
    }
    failed.throwIfAny("writing the benchmark's records");
  }

  private static void commit(Admin admin, LagLayout layout) {
    List<String> groups = layout.groupNames();
    List<KafkaFuture<Void>> commits = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (int i = 0; i < layout.partitions(); i++) {
        offsets.put(layout.partition(i), new OffsetAndMetadata(layout.committed(g, i)));
      }
      commits.add(admin.alterConsumerGroupOffsets(groups.get(g), offsets).all());
    }
    commits.forEach(f -> get(f));
  }
}
