package io.kmigrate.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DeleteTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (Apache Kafka from Maven Central) in a child JVM: storage
 * formatted and served by {@link BrokerMain}. The child dies with its parent;
 * {@link #close()} stops it and waits.
 */
public final class LocalKafkaCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalKafkaCluster.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final String BROKER_HEAP = "256m";
  /** Written to once at each start, then deleted: see {@link #awaitReady()}. */
  static final String READY_TOPIC = "__kmigrate_local_ready";
  private static final int WRITE_TIMEOUT_MS = 30_000;

  private final String name;
  private final int port;
  private final Path dir;
  private final LocalSecurity security;
  private ChildJvm process;

  private LocalKafkaCluster(String name, int port, Path dir, LocalSecurity security) {
    this.name = name;
    this.port = port;
    this.dir = dir;
    this.security = security;
  }

  /** Formats and launches the broker without waiting; call {@link #awaitReady()} next. */
  public static LocalKafkaCluster launch(String name, int port, Path dataDir) throws IOException {
    return launch(name, port, dataDir, null);
  }

  /**
   * As {@link #launch(String, int, Path)}; with {@code security}, the client listener takes SASL
   * and an authorizer decides every request (null: plaintext, everything allowed).
   */
  public static LocalKafkaCluster launch(String name, int port, Path dataDir, LocalSecurity security) throws IOException {
    int chosen = Ports.chooseOrFree(port, "Kafka cluster '" + name + "'");
    Path dir = dataDir.resolve("kafka-" + name);
    deleteRecursively(dir);
    Files.createDirectories(dir);
    LocalKafkaCluster cluster = new LocalKafkaCluster(name, chosen, dir, security);
    cluster.writeConfig(Ports.free());
    cluster.start();
    return cluster;
  }

  /** How this cluster is secured, or null when it is not. */
  public LocalSecurity security() {
    return security;
  }

  /** What kmigrate's admin connects with besides the bootstrap servers: empty on a plaintext cluster. */
  public Map<String, String> adminProperties() {
    return security == null ? Map.of() : security.adminProperties();
  }

  private Path config() {
    return dir.resolve("server.properties");
  }

  /** Written once: a restart must find the same listeners (and the storage formatted for them). */
  private void writeConfig(int controllerPort) throws IOException {
    Path config = config();
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", dir.resolve("logs").toString());
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "4");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "false");
    // With a small heap the cleaner's default 128 MB dedupe buffer kills the broker at start.
    p.setProperty("log.cleaner.dedupe.buffer.size", "8388608");
    // Compacted topics in tests and demos are cleaned within a second or two, not 15.
    p.setProperty("log.cleaner.backoff.ms", "1000");
    if (security != null) {
      secure(p, controllerPort);
    }
    try (var out = Files.newOutputStream(config)) {
      p.store(out, "kmigrate local cluster " + name);
    }
  }

  /**
   * SASL on both listeners and StandardAuthorizer. The broker talks to itself and its controller
   * with PLAIN as an internal user (SCRAM cannot authenticate a controller: its credentials live in
   * the metadata the controller serves); people and applications use SCRAM on the client listener.
   */
  private void secure(Properties p, int controllerPort) {
    String brokerPassword = UUID.randomUUID().toString();
    String plain = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"broker\" password=\""
        + brokerPassword + "\" user_broker=\"" + brokerPassword + "\";";
    p.setProperty("listeners", "CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "CLIENT://127.0.0.1:" + port);
    p.setProperty("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
    p.setProperty("inter.broker.listener.name", "CLIENT");
    p.setProperty("sasl.mechanism.inter.broker.protocol", "PLAIN");
    p.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
    p.setProperty("listener.name.client.sasl.enabled.mechanisms", LocalSecurity.MECHANISM + ",PLAIN");
    p.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    p.setProperty("listener.name.client.plain.sasl.jaas.config", plain);
    p.setProperty("listener.name.controller.plain.sasl.jaas.config", plain);
    p.setProperty("listener.name.client.scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.setProperty("super.users", "User:broker;User:" + security.admin());
    p.setProperty("allow.everyone.if.no.acl.found", "false");
  }

  private void start() throws IOException {
    // The cluster id only matters on the first start: BrokerMain formats an empty log dir only.
    List<String> args = new ArrayList<>(List.of(BrokerMain.class.getName(), config().toString(), uuidBase64(), dir.resolve("logs").toString()));
    if (security != null) {
      // The credentials go in a file only this user reads, not on a command line every user sees.
      Path scram = dir.resolve("scram-users");
      Files.write(scram, security.scramArguments());
      scram.toFile().setReadable(false, false);
      scram.toFile().setReadable(true, true);
      args.add(scram.toString());
    }
    // The whole heap from the start, as Kafka's own start script does (-Xms = -Xmx): grown from a
    // small one, a broker under load collected every ~300 ms, with young pauses up to 160 ms and full
    // collections to grow it, each a stall every client of the broker sees. Its GC log says so.
    process = ChildJvm.start(dir, "broker.log", "broker.out", false, BROKER_HEAP,
        List.of("-Xms" + BROKER_HEAP, "-Xlog:gc:file=\"" + dir.resolve("gc.log") + "\":time"), args);
  }

  /**
   * Stops the broker as a broker restart does (SIGTERM: a controlled shutdown) and waits until its
   * process is gone; its port and data stay for {@link #restart()}. For fault tests.
   */
  public void stop() {
    process.close();
    log.info("Kafka cluster '{}' stopped", name);
  }

  /** Starts the stopped broker again on the same port and data dir and waits until it answers. */
  public LocalKafkaCluster restart() throws IOException {
    if (process.alive()) {
      throw new IllegalStateException("Kafka cluster '" + name + "' is running: stop() it first");
    }
    start();
    return awaitReady();
  }

  /** Blocks until the broker answers an Admin call, or fails with the tail of its log. */
  public LocalKafkaCluster awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    // Wait for the port first: an Admin client aimed at a closed port logs a warning per retry.
    while (!portOpen() && System.nanoTime() < deadline) {
      if (!process.alive()) {
        throw new IllegalStateException("Kafka cluster '" + name + "' exited at start: " + ChildJvm.tail(dir.resolve("broker.log")) + ChildJvm.tail(dir.resolve("broker.out")));
      }
      ChildJvm.sleep(100);
    }
    Properties props = new Properties();
    props.putAll(adminProperties());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
    String lastProblem = "none";
    try (Admin admin = Admin.create(props)) {
      while (System.nanoTime() < deadline) {
        if (!process.alive()) {
          throw new IllegalStateException("Kafka cluster '" + name + "' exited at start: " + ChildJvm.tail(dir.resolve("broker.log")) + ChildJvm.tail(dir.resolve("broker.out")));
        }
        try {
          admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
          acceptsAWrite(admin, props, deadline);
          log.info("Kafka cluster '{}' ready on {}", name, bootstrapServers());
          return this;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          close();
          throw new IllegalStateException("interrupted while Kafka cluster '" + name + "' started", e);
        } catch (Exception notYet) {
          lastProblem = notYet.toString();
          ChildJvm.sleep(200);
        }
      }
    }
    close();
    throw new IllegalStateException("Kafka cluster '" + name + "' did not answer and take a write within " + READY_TIMEOUT + " (last: "
        + lastProblem + "): " + ChildJvm.tail(dir.resolve("broker.log")));
  }

  /**
   * Ready means a write is acknowledged, not only metadata answered: one idempotent record with
   * acks=all to a topic of its own, deleted after. A broker's first append also loads and
   * compiles its produce path; on the local target that cost 55-190 ms of the first produce
   * requests' local time in the moment a migration moved its producers there (the broker's request
   * log), where a target that has ever taken a write pays none. One record is one batch, so this
   * write cannot lose a batch to a partition not yet open (KAFKA-15591); whoever writes to a topic
   * the moment it is created must wait until its leaders serve it (TopicInspector.awaitServed).
   */
  private void acceptsAWrite(Admin admin, Properties adminProps, long deadline) throws Exception {
    try {
      int ms = stepMs(deadline);
      admin.createTopics(List.of(new NewTopic(READY_TOPIC, 1, (short) 1)), new CreateTopicsOptions().timeoutMs(ms))
          .all().get(ms, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
    Map<String, Object> p = new HashMap<>();
    adminProps.forEach((k, v) -> p.put((String) k, v));
    p.remove(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, stepMs(deadline));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(READY_TOPIC, "ready".getBytes(StandardCharsets.UTF_8))).get(stepMs(deadline), TimeUnit.MILLISECONDS);
    }
    try {
      int ms = stepMs(deadline);
      admin.deleteTopics(List.of(READY_TOPIC), new DeleteTopicsOptions().timeoutMs(ms)).all().get(ms, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // The write is what readiness needs; the topic is internal and the next start deletes it.
      log.warn("Kafka cluster '{}': {} not deleted: {}", name, READY_TOPIC, e.toString());
    }
  }

  /** One step of the readiness write: at most {@code WRITE_TIMEOUT_MS}, and never past the ready deadline. */
  private static int stepMs(long deadline) {
    return (int) Math.max(1, Math.min(WRITE_TIMEOUT_MS, (deadline - System.nanoTime()) / 1_000_000));
  }

  private boolean portOpen() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public String name() {
    return name;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }

  private static String uuidBase64() {
    UUID u = UUID.randomUUID();
    ByteBuffer b = ByteBuffer.allocate(16);
    b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /** Removes {@code dir} and everything under it; nothing when it does not exist. */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
