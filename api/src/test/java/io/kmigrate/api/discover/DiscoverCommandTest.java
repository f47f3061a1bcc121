package io.kmigrate.api.discover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import io.kmigrate.api.KmigrateApplication;
import io.kmigrate.api.KmigrateConfiguration;
import io.kmigrate.config.PlanLoader;
import io.kmigrate.config.PlanValidator;
import io.kmigrate.localstack.LocalTraffic;
import io.kmigrate.localstack.SharedStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kmigrate discover} on a real local cluster with four applications: A writes orders, read
 * by billing (a live KIP-848 member); B's shipping reads orders and payments; C writes payments in
 * transactions; D, independent, wrote audit a month ago and its group audit-reader read it.
 * Through Admin only, that is two units: {orders, payments, billing, shipping} and {audit, audit-reader}.
 */
class DiscoverCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static String servers;
  static final AtomicBoolean running = new AtomicBoolean(true);

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void fourApplications() throws Exception {
    servers = SharedStack.stack().source().bootstrapServers();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      LocalTraffic.createTopic(admin, "disc.orders", 3, Map.of("retention.ms", "86400000"));
      LocalTraffic.createTopic(admin, "disc.payments", 2, Map.of());
      LocalTraffic.createTopic(admin, "disc.audit", 1, Map.of());
      LocalTraffic.createTopic(admin, "other.untouched", 1, Map.of());
    }
    LocalTraffic.produce(servers, "disc.orders", 300);                              // A
    LocalTraffic.consume(servers, "disc.orders", "disc.shipping", 100);             // B
    LocalTraffic.produceTransactions(servers, "disc.payments", 3, 10, t -> false);  // C
    LocalTraffic.consume(servers, "disc.payments", "disc.shipping", 10);            // B
    writtenAMonthAgo("disc.audit", 20);                                             // D
    LocalTraffic.consume(servers, "disc.audit", "disc.audit-reader", 20);
    Properties newProtocol = new Properties();
    newProtocol.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
    LocalTraffic.committingMember(servers, "disc.orders", "disc.billing", running, 500, 0, newProtocol);
    awaitMember("disc.billing");
  }

  static void writtenAMonthAgo(String topic, int records) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    long monthAgo = System.currentTimeMillis() - Duration.ofDays(30).toMillis();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(topic, null, monthAgo + i, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  static void awaitMember(String group) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        try {
          if (!admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().isEmpty()) {
            return;
          }
        } catch (ExecutionException notYet) {
          // the member has not joined yet: the group does not exist
        }
        Thread.sleep(200);
      }
    }
    throw new AssertionError(group + " has no member after 60 s");
  }

  @AfterAll
  static void billingStops() {
    running.set(false);
  }

  Optional<Throwable> run(String... args) {
    Bootstrap<KmigrateConfiguration> bootstrap = new Bootstrap<>(new KmigrateApplication());
    bootstrap.addCommand(new DiscoverCommand(new PrintStream(out, true), new PrintStream(err, true)));
    return new Cli(new JarLocation(getClass()), bootstrap, new PrintStream(out, true), new PrintStream(err, true)).run(args);
  }

  @Test
  void threeAppsSharingTwoTopicsAndOneIndependentAppAreTwoUnitsEachAValidPlan() throws Exception {
    Path dir = Files.createTempDirectory("kmigrate-discover").resolve("out");

    Optional<Throwable> failed = run("discover", "--bootstrap-server", servers, "--topics", "disc\\..*", "--out", dir.toString());

    assertThat(failed).as(err.toString()).isEmpty();
    assertThat(out.toString()).contains("2 migration unit(s) from 3 topic(s) and 3 consumer group(s) on source");
    assertThat(err.toString()).contains("discover: 3 topic(s) in scope").contains("discover: groups read: ");
    // The Kafka clients' INFO lines (a config dump per Admin client) stay out of discover's progress.
    assertThat(((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.kafka")).getEffectiveLevel())
        .isEqualTo(ch.qos.logback.classic.Level.WARN);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("move-disc.orders.yaml", "move-disc.audit.yaml", "campaign.yaml", "summary.md", "graph.mmd", "inventory.json");
    }

    PlanValidator validator = new PlanValidator(Set.of("source", "target"));
    String shared = Files.readString(dir.resolve("move-disc.orders.yaml"));
    assertThat(validator.validate(shared)).as(shared).isEmpty();
    var plan = PlanLoader.parse(shared);
    assertThat(plan.topics()).containsExactly("disc.orders", "disc.payments");
    assertThat(plan.consumerGroups()).containsExactly("disc.billing", "disc.shipping");
    assertThat(plan.clients()).hasSize(3);
    assertThat(shared).contains("transactional: local-traffic-disc.payments").contains("consumer group, STABLE")
        .contains("Kafka does not record a producer's client id");
    String independent = Files.readString(dir.resolve("move-disc.audit.yaml"));
    assertThat(validator.validate(independent)).as(independent).isEmpty();
    assertThat(PlanLoader.parse(independent).consumerGroups()).containsExactly("disc.audit-reader");
    assertThat(independent).contains("(idle)");

    // The smaller unit is wave 1's canary; the plans are the files beside it.
    assertThat(Files.readString(dir.resolve("campaign.yaml"))).contains("name: source-to-target\n")
        .contains("  - [move-disc.audit]\n  - [move-disc.orders]\n").contains("  - move-disc.orders.yaml\n");

    JsonNode inventory = JSON.readTree(dir.resolve("inventory.json").toFile());
    JsonNode orders = find(inventory.path("topics"), "name", "disc.orders");
    assertThat(orders.path("partitions").asInt()).isEqualTo(3);
    assertThat(orders.path("configs").path("retention.ms").asText()).isEqualTo("86400000");
    assertThat(orders.path("records").asLong()).isEqualTo(300);
    assertThat(orders.path("activeProducerIds").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(find(inventory.path("topics"), "name", "disc.audit").path("idle").asBoolean()).isTrue();
    JsonNode billing = find(inventory.path("groups"), "group", "disc.billing");
    assertThat(billing.path("protocol").asText()).isEqualTo("consumer");
    assertThat(billing.path("members").get(0).path("clientId").asText()).isNotEmpty();
    JsonNode shipping = find(inventory.path("groups"), "group", "disc.shipping");
    assertThat(shipping.path("protocol").asText()).isEqualTo("classic");
    assertThat(shipping.path("lag").asLong()).as("about 100 of 300 orders and 10 of 30 payments read").isGreaterThanOrEqualTo(180);
    assertThat(inventory.path("unmatchedTopics").asInt()).isGreaterThanOrEqualTo(1);

    assertThat(Files.readString(dir.resolve("summary.md")))
        .contains("| move-disc.orders | [move-disc.orders.yaml](move-disc.orders.yaml) | disc.orders, disc.payments | 5 | disc.billing, disc.shipping |");
    assertThat(Files.readString(dir.resolve("graph.mmd"))).startsWith("flowchart LR\n")
        .contains("subgraph u0[\"move-disc.orders\"]").contains("u0t0 --> u0g0").contains("u0t1 --> u0g1");
  }

  @Test
  void aDirectoryThatIsNotEmptyOrAClusterTheConfigurationLacksIsOneLineAndNothingIsRead() throws Exception {
    Path dir = Files.createTempDirectory("kmigrate-discover");
    Files.writeString(dir.resolve("keep.txt"), "mine");

    assertThat(run("discover", "--bootstrap-server", servers, "--out", dir.toString())).isPresent();
    assertThat(err.toString().strip()).isEqualTo("kmigrate discover failed: --out: " + dir + " is not empty: name a new directory, or empty this one");

    err.reset();
    assertThat(run("discover", "--cluster", "prod", "--out", dir.resolve("new").toString())).isPresent();
    assertThat(err.toString().strip()).startsWith("kmigrate discover failed: --cluster prod: the configuration names no clusters");
    assertThat(dir.resolve("new")).doesNotExist();
  }

  static JsonNode find(JsonNode list, String field, String value) {
    for (JsonNode n : list) {
      if (value.equals(n.path(field).asText())) {
        return n;
      }
    }
    throw new AssertionError("no " + field + " " + value + " in " + list);
  }
}
