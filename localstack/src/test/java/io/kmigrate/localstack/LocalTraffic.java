package io.kmigrate.localstack;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Traffic for tests on the local brokers, through Kafka's own clients: topics, records, a group's
 * commits. Shared by every module's tests through this module's test jar.
 */
public final class LocalTraffic {
  private LocalTraffic() {}

  public static void createTopic(Admin admin, String topic, int partitions, Map<String, String> configs) throws Exception {
    admin.createTopics(java.util.List.of(new NewTopic(topic, partitions, (short) 1).configs(configs))).all().get();
    awaitDescribable(admin, topic);
    awaitLeadersServe(admin, topic, partitions);
  }

  /**
   * A partition's leader opens it a moment after the metadata shows it; an idempotent producer
   * whose first batch is refused in that moment and overtaken by its next can lose that batch
   * (KAFKA-15591). The admin retries a ListOffsets until every leader answers it.
   */
  private static void awaitLeadersServe(Admin admin, String topic, int partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
  }

  /**
   * createTopics returns once the controller committed the topic; the broker's metadata cache
   * applies it a moment later, and a describe in that moment says the topic does not exist.
   */
  private static void awaitDescribable(Admin admin, String topic) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        admin.describeTopics(List.of(topic)).allTopicNames().get();
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  public static void produce(String servers, String topic, int count) {
    produce(servers, topic, count, new Properties());
  }

  /**
   * One record per batch: a consumer that fetches little at a time then gets a few records of
   * each partition per fetch, instead of one partition's whole backlog first.
   */
  public static void produceUnbatched(String servers, String topic, int count) {
    Properties unbatched = new Properties();
    unbatched.put(ProducerConfig.BATCH_SIZE_CONFIG, 0);
    produce(servers, topic, count, unbatched);
  }

  private static void produce(String servers, String topic, int count, Properties extra) {
    Properties p = new Properties();
    p.putAll(extra);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + (i % 7), "v" + i));
      }
      producer.flush();
    }
  }

  /**
   * Writes {@code transactions} transactions of {@code size} records each (keys {@code k0} to
   * {@code k6}, values {@code t<transaction>-<n>}), aborting those {@code aborted} names: the
   * partitions then hold control markers and aborted records between the committed ones.
   */
  public static void produceTransactions(String servers, String topic, int transactions, int size, IntPredicate aborted) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "local-traffic-" + topic);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      producer.initTransactions();
      for (int t = 0; t < transactions; t++) {
        producer.beginTransaction();
        for (int i = 0; i < size; i++) {
          producer.send(new ProducerRecord<>(topic, "k" + (i % 7), "t" + t + "-" + i));
        }
        if (aborted.test(t)) {
          producer.abortTransaction();
        } else {
          producer.commitTransaction();
        }
      }
    }
  }

  /** Consumes up to {@code count} records as {@code group} and commits them. */
  public static int consume(String servers, String topic, String group, int count) {
    return consume(servers, topic, group, count, new Properties());
  }

  /** As above, with consumer settings of its own ({@code isolation.level}, {@code group.protocol}). */
  public static int consume(String servers, String topic, String group, int count, Properties extra) {
    Properties p = new Properties();
    p.putAll(extra);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, count);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    int seen = 0;
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(java.util.List.of(topic));
      long deadline = System.currentTimeMillis() + 20_000;
      while (seen < count && System.currentTimeMillis() < deadline) {
        seen += consumer.poll(java.time.Duration.ofMillis(200)).count();
      }
      consumer.commitSync();
    }
    return seen;
  }

  /** A group member that polls and commits on {@code servers} until stopped. */
  public static Thread committingMember(String servers, String topic, String group, AtomicBoolean running) {
    return committingMember(servers, topic, group, running, 500, 0);
  }

  /**
   * A group member that consumes at most {@code perPoll} records per poll and pauses
   * {@code pauseMs} after each commit: a consumer working through lag at a known pace. It fetches
   * a little at a time, so with {@link #produceUnbatched} every partition's commit moves (one
   * partition left waiting for seconds is a stall). It rides out a broker restart: a failed commit
   * is retried on the next poll.
   */
  public static Thread committingMember(String servers, String topic, String group, AtomicBoolean running, int perPoll, long pauseMs) {
    return committingMember(servers, topic, group, running, perPoll, pauseMs, new Properties());
  }

  /** As above, with consumer settings of its own ({@code group.protocol}, say). */
  public static Thread committingMember(
      String servers, String topic, String group, AtomicBoolean running, int perPoll, long pauseMs, Properties extra) {
    Thread t = new Thread(() -> {
      Properties p = new Properties();
      p.putAll(extra);
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
      p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
      p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, perPoll);
      p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024);
      p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
        c.subscribe(List.of(topic));
        while (running.get()) {
          c.poll(Duration.ofMillis(100));
          try {
            c.commitSync(Duration.ofSeconds(2));
          } catch (org.apache.kafka.common.KafkaException brokerAway) {
            // the next poll rejoins and commits again
          }
          if (pauseMs > 0) {
            Thread.sleep(pauseMs);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    t.start();
    return t;
  }
}
