package io.kmigrate.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmigrate.activities.PreflightActivitiesImpl;
import io.kmigrate.activities.TargetActivitiesImpl;
import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.lag.LagReader;
import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.Scheme;
import io.kmigrate.localstack.LocalStack;
import io.kmigrate.localstack.LocalTraffic;
import io.kmigrate.localstack.SharedStack;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.PartitionLag;
import io.kmigrate.workflows.contract.PreflightReport;
import io.kmigrate.workflows.contract.PrepareReport;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Preflight, prepare target and lag against two real local KRaft brokers (one stack for the suite). */
class KafkaActivitiesTest {
  static LocalStack stack;
  static Clusters clusters;
  static Admin source;
  static Admin target;

  @BeforeAll
  static void startStack() throws Exception {
    stack = SharedStack.stack();
    clusters = LocalClusters.shared();
    source = clusters.admin("source");
    target = clusters.admin("target");
  }

  static MigrationPlan plan(String name, List<String> topics, List<String> groups, String sourceCluster) {
    return new MigrationPlan(
        name, Scheme.PRODUCTION_FIRST, sourceCluster, "target", topics, null, groups,
        List.of(new ClientGroup("app-producer", ClientRole.PRODUCER, null, null)), null, null);
  }

  @Test
  void preflightPassesAndResolvesTheTopicsOfAHealthyPlan() throws Exception {
    LocalTraffic.createTopic(source, "pf.orders", 3, Map.of());
    LocalTraffic.produce(stack.source().bootstrapServers(), "pf.orders", 30);
    LocalTraffic.consume(stack.source().bootstrapServers(), "pf.orders", "pf-group", 30);

    PreflightReport report = new PreflightActivitiesImpl(clusters).preflight(plan("pf", List.of("pf.orders"), List.of("pf-group"), "source"));

    assertThat(report.findings()).isEmpty();
    assertThat(report.notices()).isEmpty();
    assertThat(report.topics()).containsExactly("pf.orders");
  }

  @Test
  void aTransactionInProgressOnThePlansPartitionsIsANoticeNamingItNotAFinding() throws Exception {
    LocalTraffic.createTopic(source, "pf.tx", 1, Map.of());
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.source().bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "pf-payments-tx");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("pf.tx", "k", "v"));
      producer.flush();

      PreflightReport report = new PreflightActivitiesImpl(clusters).preflight(plan("pf-tx", List.of("pf.tx"), List.of(), "source"));

      assertThat(report.findings()).isEmpty();
      assertThat(report.notices()).singleElement().satisfies(n -> {
        assertThat(n.check()).isEqualTo("transactions");
        assertThat(n.message()).contains("1 transaction(s) in progress").contains("transaction 'pf-payments-tx'")
            .contains("open on pf.tx-0 from offset 0").contains("(ONGOING)");
      });
      producer.abortTransaction();
    }
  }

  @Test
  void anUnreachableClusterIsAFindingNotAStackTrace() {
    PreflightReport report = new PreflightActivitiesImpl(clusters).preflight(plan("down", List.of("x"), List.of(), "nowhere"));

    assertThat(report.passed()).isFalse();
    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("reachable");
      assertThat(f.message()).contains("source cluster 'nowhere'", "127.0.0.1:1", "unreachable");
    });
  }

  @Test
  void aPlanThatSkippedTheApisValidationIsCheckedAgainstThisWorkersClusters() {
    PreflightReport report = new PreflightActivitiesImpl(clusters).preflight(plan("cli", List.of("bad topic!"), List.of(), "unknown-cluster"));

    assertThat(report.findings()).extracting(Object::toString)
        .anySatisfy(s -> assertThat(s).startsWith("plan: source: unknown cluster 'unknown-cluster'"))
        .anySatisfy(s -> assertThat(s).startsWith("plan: topics[0]: "));
  }

  @Test
  void missingTopicsAndGroupsAreEachAFinding() {
    PreflightReport report =
        new PreflightActivitiesImpl(clusters).preflight(plan("missing", List.of("no.such.topic"), List.of("no-such-group"), "source"));

    assertThat(report.findings()).extracting(Object::toString)
        .anySatisfy(s -> assertThat(s).contains("topic 'no.such.topic' does not exist on source"))
        .anySatisfy(s -> assertThat(s).contains("group 'no-such-group' does not exist on source"));
  }

  @Test
  void prepareTargetCopiesPartitionsAndExplicitConfigsAndIsIdempotent() throws Exception {
    Map<String, String> configs =
        Map.of("retention.ms", "3600000", "retention.bytes", "104857600", "min.insync.replicas", "1",
            "flush.messages", "1000", "flush.ms", "5000", "cleanup.policy", "delete");
    LocalTraffic.createTopic(source, "prep.payments", 4, configs);
    MigrationPlan plan = plan("prep", List.of("prep.payments"), List.of(), "source");

    PrepareReport first = new TargetActivitiesImpl(clusters).prepareTarget(plan, List.of("prep.payments"));
    PrepareReport again = new TargetActivitiesImpl(clusters).prepareTarget(plan, List.of("prep.payments"));

    assertThat(first.created()).containsExactly("prep.payments");
    assertThat(again.created()).isEmpty();
    assertThat(again.alreadyMatching()).containsExactly("prep.payments");
    assertThat(target.describeTopics(List.of("prep.payments")).allTopicNames().get().get("prep.payments").partitions()).hasSize(4);
    var resource = new ConfigResource(ConfigResource.Type.TOPIC, "prep.payments");
    var entries = target.describeConfigs(List.of(resource)).all().get().get(resource);
    configs.forEach((k, v) -> assertThat(entries.get(k)).extracting(ConfigEntry::value).as(k).isEqualTo(v));
  }

  @Test
  void aTargetTopicWithOtherPartitionsFailsNonRetryablyWithTheDiff() throws Exception {
    LocalTraffic.createTopic(source, "diff.events", 6, Map.of("retention.ms", "7200000"));
    LocalTraffic.createTopic(target, "diff.events", 2, Map.of());

    assertThatThrownBy(() -> new TargetActivitiesImpl(clusters).prepareTarget(plan("diff", List.of("diff.events"), List.of(), "source"), List.of("diff.events")))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isTrue();
          assertThat(f.getType()).isEqualTo(TargetActivitiesImpl.TOPIC_MISMATCH);
          assertThat(f.getOriginalMessage()).contains("diff.events: partitions source=6 target=2", "retention.ms source=7200000");
        });
  }

  @Test
  void groupsAreSeededAtTheTargetLogStartSoLatestCannotSkipMessages() throws Exception {
    LocalTraffic.createTopic(source, "seed.t", 2, Map.of());
    MigrationPlan plan = plan("seed", List.of("seed.t"), List.of("seed-group"), "source");

    PrepareReport report = new TargetActivitiesImpl(clusters).prepareTarget(plan, List.of("seed.t"));
    LocalTraffic.produce(stack.target().bootstrapServers(), "seed.t", 10);
    LagSnapshot lag = new LagReader(target, List.of("seed.t")).snapshot(List.of("seed-group"));

    assertThat(report.seededGroups()).containsExactly("seed-group");
    assertThat(lag.partitions()).allSatisfy(p -> assertThat(p.committed()).isZero());
    assertThat(lag.totalLag()).isEqualTo(10);
  }

  @Test
  void lagCountsFromTheLogStartWhenAGroupHasNoCommitAndNeverReadsMissingAsZero() throws Exception {
    LocalTraffic.createTopic(source, "lag.t", 3, Map.of());
    LocalTraffic.produce(stack.source().bootstrapServers(), "lag.t", 20);
    LocalTraffic.consume(stack.source().bootstrapServers(), "lag.t", "lag-half", 8);

    LagSnapshot snapshot = new LagReader(source, List.of("lag.t")).snapshot(List.of("lag-half", "lag-never"));

    long half = snapshot.partitions().stream().filter(p -> p.group().equals("lag-half")).mapToLong(PartitionLag::lag).sum();
    long never = snapshot.partitions().stream().filter(p -> p.group().equals("lag-never")).mapToLong(PartitionLag::lag).sum();
    assertThat(half).isBetween(1L, 19L);
    assertThat(never).isEqualTo(20);
    assertThat(snapshot.partitions()).hasSize(6);
    assertThatThrownBy(() -> new LagReader(source, List.of("lag.missing")))
        .hasMessageContaining("lag.missing");
  }
}
