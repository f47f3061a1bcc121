package io.kmigrate.bench.discover;

import io.kmigrate.activities.discover.ClusterReader;
import io.kmigrate.activities.discover.Inventory;
import io.kmigrate.activities.discover.MigrationUnit;
import io.kmigrate.activities.discover.UnitSplitter;
import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.KafkaCalls;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.activities.kafka.TopicInspector;
import io.kmigrate.bench.BenchArgs;
import io.kmigrate.bench.Figures;
import io.kmigrate.bench.FirstSendFailure;
import io.kmigrate.bench.Measured;
import io.kmigrate.bench.ScratchDir;
import io.kmigrate.config.ClusterConfig;
import io.kmigrate.localstack.LocalKafkaCluster;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.tools.consumer.group.ConsumerGroupsDescribe;

/**
 * {@code bench discover}: {@code kmigrate discover}'s read of a cluster ({@link ClusterReader},
 * Admin only, batched) and its split into units, on one local broker holding a {@link DiscoverLayout},
 * against {@code kafka-consumer-groups --describe --all-groups}'s code in this JVM, which answers
 * only part of the question (who reads what, with lag) and nothing of topics' configs, idleness
 * or producers. Target: the whole discovery under 30 s at 1,000 topics and 500 groups.
 */
public final class DiscoverBench {
  public static final Set<String> OPTIONS = Set.of("topics", "groups", "runs");
  public static final Set<String> FLAGS = Set.of("smoke");
  static final double TARGET_MS = 30_000;
  private static final String SOURCE = "source";
  private static final int RECORDS_PER_TOPIC = 10;

  private DiscoverBench() {}

  public static int run(BenchArgs args) {
    boolean smoke = args.flag("smoke");
    DiscoverLayout layout = new DiscoverLayout(args.positiveInt("topics", smoke ? 20 : 1000), args.positiveInt("groups", smoke ? 10 : 500));
    int runs = args.positiveInt("runs", smoke ? 1 : 3);
    System.out.println("discover: " + layout.describe());
    try {
      return measure(layout, runs);
    } catch (Exception e) {
      throw new IllegalStateException("bench discover failed: " + e.getMessage(), e);
    }
  }

  private static int measure(DiscoverLayout layout, int runs) throws Exception {
    try (ScratchDir dir = ScratchDir.create("discover");
        LocalKafkaCluster source = LocalKafkaCluster.launch(SOURCE, 0, dir.path()).awaitReady();
        Clusters clusters = new Clusters(Map.of(SOURCE, new ClusterConfig(source.bootstrapServers(), Map.of())), SecretResolver.fromEnvironment());
        ConsumerGroupsDescribe kafkaTool = new ConsumerGroupsDescribe(source.bootstrapServers())) {
      Measured<Void> written = Measured.of(() -> {
        write(clusters.admin(SOURCE), source.bootstrapServers(), layout);
        return null;
      });
      System.out.printf("  setup: topics, records and commits written in %.1f s%n", written.ms() / 1000);
      ClusterReader reader = new ClusterReader(clusters.admin(SOURCE), Clock.systemUTC(), line -> { });
      List<Double> kmigrateMs = new ArrayList<>();
      List<Double> kafkaMs = new ArrayList<>();
      Inventory inventory = null;
      List<MigrationUnit> units = null;
      for (int i = 0; i <= runs; i++) { // the first is a warm-up
        Measured<Inventory> read = Measured.of(() -> reader.read(SOURCE, null, Duration.ofDays(7)));
        Measured<List<MigrationUnit>> split = Measured.of(() -> UnitSplitter.split(read.result()));
        Measured<?> tool = Measured.of(kafkaTool::describeAllGroups);
        System.out.printf("  %s: kmigrate discover %.0f ms (read %.0f, split %.0f), kafka-consumer-groups --describe --all-groups %.0f ms%n",
            i == 0 ? "warm-up" : "run " + i, read.ms() + split.ms(), read.ms(), split.ms(), tool.ms());
        if (i > 0) {
          kmigrateMs.add(read.ms() + split.ms());
          kafkaMs.add(tool.ms());
        }
        inventory = read.result();
        units = split.result();
      }
      return report(layout, inventory, units, Figures.median(kmigrateMs), Figures.median(kafkaMs));
    }
  }

  private static int report(DiscoverLayout layout, Inventory inventory, List<MigrationUnit> units, double kmigrate, double kafka) {
    boolean right = inventory.topics().size() == layout.topics() && inventory.groups().size() == layout.groups()
        && units.size() == layout.expectedUnits();
    System.out.printf("  check: %,d topics, %,d groups, %,d units found; %s%n", inventory.topics().size(), inventory.groups().size(), units.size(),
        right ? "as laid out" : "check FAILED: expected " + layout.topics() + ", " + layout.groups() + ", " + layout.expectedUnits());
    long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1 << 20);
    boolean met = kmigrate < TARGET_MS;
    System.out.printf("  target: discovery < %.0f s: %s (kafka-consumer-groups, which reads groups and lag only, took %.1fx as long)%n",
        TARGET_MS / 1000, met ? "met" : "MISSED", kafka / kmigrate);
    System.out.printf("discover topics=%d groups=%d units=%d kmigrate_ms=%.0f kafka_tool_ms=%.0f heap_mb=%d%n",
        layout.topics(), layout.groups(), units.size(), kmigrate, kafka, heapMb);
    return right ? 0 : 1;
  }

  private static void write(Admin admin, String bootstrapServers, DiscoverLayout layout) {
    List<NewTopic> topics = layout.topicNames().stream().map(t -> new NewTopic(t, 1, (short) 1)).toList();
    KafkaCalls.get(admin.createTopics(topics).all());
    // Written the moment they are served: see TopicInspector.awaitServed.
    new TopicInspector(admin).awaitServed(layout.topicNames(), Duration.ofSeconds(60), () -> { });
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    FirstSendFailure failed = new FirstSendFailure();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String t : layout.topicNames()) {
        for (int r = 0; r < RECORDS_PER_TOPIC; r++) {
          producer.send(new ProducerRecord<>(t, new byte[16]), failed);
        }
      }
      producer.flush();
    }
    failed.throwIfAny("writing the benchmark's records");
    List<KafkaFuture<Void>> commits = new ArrayList<>();
    for (int g = 0; g < layout.groups(); g++) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      layout.read(g).forEach(t -> offsets.put(new TopicPartition(t, 0), new OffsetAndMetadata(RECORDS_PER_TOPIC / 2)));
      commits.add(admin.alterConsumerGroupOffsets(layout.group(g), offsets).all());
    }
    commits.forEach(KafkaCalls::get);
  }
}
