package io.kmigrate.activities.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmigrate.activities.PreflightActivitiesImpl;
import io.kmigrate.activities.TargetActivitiesImpl;
import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.config.AclSettings;
import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.ClusterConfig;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.Scheme;
import io.kmigrate.localstack.LocalSecurity;
import io.kmigrate.localstack.LocalStack;
import io.kmigrate.localstack.LocalTraffic;
import io.kmigrate.localstack.SharedSecureStack;
import io.kmigrate.workflows.contract.Finding;
import io.kmigrate.workflows.contract.PreflightReport;
import io.kmigrate.workflows.contract.PrepareReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security parity on two real secured clusters (SASL/SCRAM, StandardAuthorizer, kmigrate a super
 * user): what a client may do on the target is judged before it moves, the source's ACLs and
 * quotas for the plan are carried over, and the applications then work on the target as their
 * own principals.
 */
class SecurityParityTest {
  static final LocalSecurity USERS = SharedSecureStack.SECURITY;
  static LocalStack stack;
  static Clusters clusters;
  static Admin source;
  static Admin target;

  @BeforeAll
  static void start() throws Exception {
    stack = SharedSecureStack.stack();
    clusters = new Clusters(Map.of(
        "source", new ClusterConfig(stack.source().bootstrapServers(), stack.source().adminProperties()),
        "target", new ClusterConfig(stack.target().bootstrapServers(), stack.target().adminProperties())),
        SecretResolver.fromEnvironment());
    source = clusters.admin("source");
    target = clusters.admin("target");
  }

  @AfterAll
  static void stop() {
    clusters.close();
  }

  static ClientGroup producer(String principal) {
    return new ClientGroup("api", ClientRole.PRODUCER, null, null).withPrincipal(principal, null, null);
  }

  static ClientGroup consumer(String principal, String group) {
    return new ClientGroup("billing", ClientRole.CONSUMER, null, group).withPrincipal(principal, null, null);
  }

  static MigrationPlan plan(String name, List<String> topics, List<String> groups, List<ClientGroup> clients, Boolean copyAcls) {
    return new MigrationPlan(name, Scheme.PRODUCTION_FIRST, "source", "target", topics, null, groups, clients, null, null, null,
        new AclSettings(copyAcls), null);
  }

  static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern, AclOperation op) {
    return new AclBinding(new ResourcePattern(type, name, pattern), new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }

  static AclBinding deny(String principal, ResourceType type, String name, AclOperation op) {
    return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL), new AccessControlEntry(principal, "*", op, AclPermissionType.DENY));
  }

  /** A group the source knows: one commit, as a consumer that read nothing yet would leave. */
  static void groupOnSource(String group, String topic) throws Exception {
    source.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0))).all().get();
  }

  static void grant(Admin admin, AclBinding... bindings) throws Exception {
    admin.createAcls(List.of(bindings)).all().get();
  }

  @Test
  void aProducerThatMayNotWriteOnTheTargetFailsPreflightWithAFindingNamingPrincipalResourceOperationAndTheGrant() throws Exception {
    LocalTraffic.createTopic(source, "sec.denied", 1, Map.of());
    grant(source, allow("User:orders-api", ResourceType.TOPIC, "sec.denied", PatternType.LITERAL, AclOperation.WRITE));
    MigrationPlan noCopy = plan("sec-denied", List.of("sec.denied"), List.of(), List.of(producer("User:orders-api")), false);

    PreflightReport report = new PreflightActivitiesImpl(clusters).preflight(noCopy);

    assertThat(report.findings()).extracting(Object::toString).containsExactly(
        "security: User:orders-api (client api) may not WRITE on topic 'sec.denied' on the target (the source allows it): grant it with kafka-acls "
            + "--bootstrap-server " + stack.target().bootstrapServers() + " --add --allow-principal User:orders-api --operation Write --topic sec.denied",
        "security: User:orders-api (client api) may not DESCRIBE on topic 'sec.denied' on the target (the source allows it): grant it with kafka-acls "
            + "--bootstrap-server " + stack.target().bootstrapServers() + " --add --allow-principal User:orders-api --operation Describe --topic sec.denied");

    PreflightReport withCopy = new PreflightActivitiesImpl(clusters).preflight(
        plan("sec-denied", List.of("sec.denied"), List.of(), List.of(producer("User:orders-api")), null));
    assertThat(withCopy.findings()).as("the copy will grant it: judged over the target's ACLs plus those to be copied").isEmpty();
  }

  @Test
  void afterTheCopyTheProducerAndConsumerWorkOnTheTargetAsTheirOwnPrincipals() throws Exception {
    LocalTraffic.createTopic(source, "sec.orders", 2, Map.of());
    grant(source,
        allow("User:orders-api", ResourceType.TOPIC, "sec.ord", PatternType.PREFIXED, AclOperation.WRITE),
        allow("User:orders-api", ResourceType.TRANSACTIONAL_ID, "sec-tx-", PatternType.PREFIXED, AclOperation.WRITE),
        allow("User:billing", ResourceType.TOPIC, "sec.orders", PatternType.LITERAL, AclOperation.READ),
        allow("User:billing", ResourceType.GROUP, "sec-billing", PatternType.LITERAL, AclOperation.READ),
        allow("User:billing", ResourceType.TOPIC, "unrelated", PatternType.LITERAL, AclOperation.READ));
    groupOnSource("sec-billing", "sec.orders");
    ClientGroup transactional = new ClientGroup("api", ClientRole.PRODUCER, null, null).withPrincipal("User:orders-api", null, "sec-tx-");
    MigrationPlan plan = plan("sec-orders", List.of("sec.orders"), List.of("sec-billing"), List.of(transactional, consumer("User:billing", "sec-billing")), null);

    assertThat(new PreflightActivitiesImpl(clusters).preflight(plan).findings()).isEmpty();
    PrepareReport first = new TargetActivitiesImpl(clusters).prepareTarget(plan, List.of("sec.orders"));
    PrepareReport again = new TargetActivitiesImpl(clusters).prepareTarget(plan, List.of("sec.orders"));

    assertThat(first.acls().createdTotal()).isEqualTo(4);
    assertThat(first.acls().created()).contains(
        "ALLOW User:orders-api WRITE topic sec.ord (prefixed) from *",
        "ALLOW User:orders-api WRITE transactional_id sec-tx- (prefixed) from *");
    assertThat(first.acls().created()).noneMatch(b -> b.contains("unrelated"));
    assertThat(again.acls().createdTotal()).as("idempotent").isZero();
    assertThat(again.acls().alreadyThere()).isEqualTo(4);

    try (KafkaProducer<String, String> producer = producer("orders-api", "sec-tx-1")) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>("sec.orders", "k" + i, "v" + i));
      }
      producer.commitTransaction();
    }
    assertThat(consume("billing", "sec-billing", "sec.orders", 10)).hasSize(10);
  }

  @Test
  void aTargetOnlyDenyThatBlocksAClientIsAFindingAndAnyTargetOnlyDenyIsAConflictTheCopyNeverOverwrites() throws Exception {
    LocalTraffic.createTopic(source, "sec.conflict", 1, Map.of());
    grant(source,
        allow("User:orders-api", ResourceType.TOPIC, "sec.conflict", PatternType.LITERAL, AclOperation.WRITE),
        allow("User:billing", ResourceType.TOPIC, "sec.conflict", PatternType.LITERAL, AclOperation.READ),
        allow("User:billing", ResourceType.GROUP, "sec-conflict", PatternType.LITERAL, AclOperation.READ));
    AclBinding blocking = deny("User:billing", ResourceType.TOPIC, "sec.conflict", AclOperation.READ);
    AclBinding harmless = deny("User:billing", ResourceType.TOPIC, "sec.conflict", AclOperation.WRITE);
    grant(target, blocking, harmless);
    groupOnSource("sec-conflict", "sec.conflict");
    MigrationPlan plan = plan("sec-conflict", List.of("sec.conflict"), List.of("sec-conflict"),
        List.of(producer("User:orders-api"), consumer("User:billing", "sec-conflict")), null);

    PreflightReport report = new PreflightActivitiesImpl(clusters).preflight(plan);
    assertThat(report.findings()).extracting(Object::toString).singleElement().asString()
        .startsWith("security: User:billing (client billing) may not READ on topic 'sec.conflict' on the target (the source allows it)");
    assertThatThrownBy(() -> new TargetActivitiesImpl(clusters).prepareTarget(plan, List.of("sec.conflict")))
        .as("a check after the copy, should preflight have been skipped")
        .hasMessageContaining("after the copy the target still refuses: User:billing may not READ on topic 'sec.conflict'");

    target.deleteAcls(List.of(blocking.toFilter())).all().get();
    PrepareReport prepared = new TargetActivitiesImpl(clusters).prepareTarget(plan, List.of("sec.conflict"));

    assertThat(prepared.acls().conflicts()).containsExactly("DENY User:billing WRITE topic sec.conflict (literal) from * is on the target only: left as it is");
    assertThat(target.describeAcls(harmless.toFilter()).values().get()).as("never overwritten").containsExactly(harmless);
  }

  @Test
  void aPrincipalWithoutAScramCredentialOnTheTargetIsMissingAndNamedWithTheCommandThatCreatesIt() throws Exception {
    LocalTraffic.createTopic(source, "sec.ghost", 1, Map.of());
    MigrationPlan plan = plan("sec-ghost", List.of("sec.ghost"), List.of(), List.of(producer("User:ghost")), false);

    PreflightReport report = new PreflightActivitiesImpl(clusters).preflight(plan);

    assertThat(report.missingPrincipals()).containsExactly("User:ghost");
    assertThat(report.notices()).extracting(Object::toString).anySatisfy(n -> assertThat(n)
        .startsWith("security: User:ghost has no SCRAM credential on the target")
        .contains("kafka-configs --bootstrap-server " + stack.target().bootstrapServers() + " --alter --add-config 'SCRAM-SHA-512=[password=...]' --entity-type users --entity-name ghost"));
    assertThat(new PreflightActivitiesImpl(clusters).missingPrincipals(
        plan("sec-known", List.of("sec.ghost"), List.of(), List.of(producer("User:orders-api")), false))).isEmpty();
  }

  @Test
  void theQuotasOfThePlansPrincipalsAreCopiedAndAnotherValueOnTheTargetIsAConflict() throws Exception {
    LocalTraffic.createTopic(source, "sec.quota", 1, Map.of());
    grant(source, allow("User:orders-api", ResourceType.TOPIC, "sec.quota", PatternType.LITERAL, AclOperation.WRITE));
    ClientQuotaEntity user = new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, "orders-api"));
    source.alterClientQuotas(List.of(new ClientQuotaAlteration(user, List.of(
        new ClientQuotaAlteration.Op("producer_byte_rate", 1048576.0), new ClientQuotaAlteration.Op("request_percentage", 50.0))))).all().get();
    target.alterClientQuotas(List.of(new ClientQuotaAlteration(user, List.of(new ClientQuotaAlteration.Op("request_percentage", 80.0))))).all().get();
    MigrationPlan plan = plan("sec-quota", List.of("sec.quota"), List.of(), List.of(producer("User:orders-api")), null);

    PrepareReport report = new TargetActivitiesImpl(clusters).prepareTarget(plan, List.of("sec.quota"));

    assertThat(report.acls().quotasCopied()).containsExactly("user=orders-api producer_byte_rate=1048576.0");
    assertThat(report.acls().quotaConflicts()).containsExactly("user=orders-api request_percentage is 80.0 on the target, 50.0 on the source: left as it is");
    assertThat(target.describeClientQuotas(ClientQuotaFilter.all()).entities().get().get(user))
        .containsEntry("producer_byte_rate", 1048576.0).containsEntry("request_percentage", 80.0);
  }

  @Test
  void aTargetWhoseAclsKmigrateMayNotReadIsANoticeWhenThePlanAskedNothingAndAFindingWhenItNamesAPrincipal() throws Exception {
    Properties limited = new Properties();
    limited.putAll(USERS.clientProperties("billing"));
    limited.put("bootstrap.servers", stack.target().bootstrapServers());
    try (Admin notSuper = Admin.create(limited)) {
      MigrationPlan quiet = plan("sec-quiet", List.of("sec.quiet"), List.of(), List.of(new ClientGroup("api", ClientRole.PRODUCER, null, null)), null);
      List<Finding> findings = new ArrayList<>();
      List<Finding> notices = new ArrayList<>();
      new SecurityParity(quiet, List.of("sec.quiet"), source, notSuper, "t").preflight(findings, notices);
      assertThat(findings).isEmpty();
      assertThat(notices).extracting(Finding::message).singleElement().asString()
          .startsWith("the target's ACLs could not be read (ClusterAuthorizationException").endsWith("no ACLs are copied");
      assertThat(new SecurityParity(quiet, List.of("sec.quiet"), source, notSuper, "t").prepare().copied()).isFalse();

      MigrationPlan named = plan("sec-named", List.of("sec.quiet"), List.of(), List.of(producer("User:orders-api")), null);
      findings.clear();
      new SecurityParity(named, List.of("sec.quiet"), source, notSuper, "t").preflight(findings, new ArrayList<>());
      assertThat(findings).extracting(Finding::message).singleElement().asString()
          .startsWith("the target's ACLs could not be read").endsWith("or set acls: {copy: false} and name no principals");
    }
  }

  @Test
  void anApplicationWithoutAGrantIsRefusedByTheRealBroker() throws Exception {
    LocalTraffic.createTopic(target, "sec.nogrant", 1, Map.of());
    try (KafkaProducer<String, String> producer = producer("orders-api", null)) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>("sec.nogrant", "k", "v")).get())
          .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  private static KafkaProducer<String, String> producer(String user, String transactionalId) {
    Properties p = new Properties();
    p.putAll(USERS.clientProperties(user));
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.target().bootstrapServers());
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    if (transactionalId != null) {
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  private static List<String> consume(String user, String group, String topic, int count) {
    Properties p = new Properties();
    p.putAll(USERS.clientProperties(user));
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.target().bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
      consumer.commitSync();
    }
    return values;
  }
}
