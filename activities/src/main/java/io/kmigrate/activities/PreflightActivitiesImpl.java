package io.kmigrate.activities;

import static io.kmigrate.activities.kafka.KafkaCalls.get;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.DiskNeed;
import io.kmigrate.activities.kafka.Groups;
import io.kmigrate.activities.kafka.OpenTransactions;
import io.kmigrate.activities.kafka.TopicInspector;
import io.kmigrate.activities.kafka.TopicSettings;
import io.kmigrate.activities.security.SecurityParity;
import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.PlanValidator;
import io.kmigrate.config.RepointStrategy;
import io.kmigrate.config.TopicPattern;
import io.kmigrate.config.outbound.OutboundPolicy;
import io.kmigrate.workflows.contract.Finding;
import io.kmigrate.workflows.contract.PreflightActivities;
import io.kmigrate.workflows.contract.PreflightReport;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runbook's preparations, checked: both clusters reachable, topics and groups present on the
 * source, and the target's capacity not lower than the source's. Every problem is a finding.
 */
public class PreflightActivitiesImpl implements PreflightActivities {
  private static final Logger log = LoggerFactory.getLogger(PreflightActivitiesImpl.class);
  /** The most transactions one finding or notice names: the rest are counted. */
  static final int LISTED_TRANSACTIONS = 10;
  private final Clusters clusters;
  private final OutboundPolicy webhooks;
  private final boolean searchAttributesRegistered;
  private final int notificationDestinations;

  /** The attempt on which a cluster that does not answer is reported unreachable. */
  static final int REACH_ATTEMPTS = 5;

  /** A preflight for a worker that allows no webhook destination. */
  public PreflightActivitiesImpl(Clusters clusters) {
    this(clusters, OutboundPolicy.none("webhooks"));
  }

  /** @param webhooks where this worker's webhook calls may go: a plan naming another destination fails preflight */
  public PreflightActivitiesImpl(Clusters clusters, OutboundPolicy webhooks) {
    this(clusters, webhooks, false);
  }

  /** @param searchAttributesRegistered whether this worker found kmigrate's search attributes on its Temporal server */
  public PreflightActivitiesImpl(Clusters clusters, OutboundPolicy webhooks, boolean searchAttributesRegistered) {
    this(clusters, webhooks, searchAttributesRegistered, 0);
  }

  /** @param notificationDestinations how many places this worker's notifications go */
  public PreflightActivitiesImpl(Clusters clusters, OutboundPolicy webhooks, boolean searchAttributesRegistered, int notificationDestinations) {
    this.clusters = clusters;
    this.webhooks = webhooks;
    this.searchAttributesRegistered = searchAttributesRegistered;
    this.notificationDestinations = notificationDestinations;
  }

  @Override
  public PreflightReport preflight(MigrationPlan plan) {
    List<Finding> findings = new ArrayList<>();
    // A plan started with `temporal workflow start` skipped the API's validation: check it here.
    new PlanValidator(clusters.names(), webhooks).validate(plan)
        .forEach(p -> findings.add(new Finding("plan", p.field() + ": " + p.message())));
    checkWebhooks(plan, findings);
    if (!findings.isEmpty()) {
      return new PreflightReport(List.of(), findings);
    }
    Collection<Node> sourceNodes = reach("source", plan.source(), findings);
    Collection<Node> targetNodes = reach("target", plan.target(), findings);
    if (sourceNodes == null || targetNodes == null) {
      return new PreflightReport(List.of(), findings);
    }
    Admin source = clusters.admin(plan.source());
    Admin target = clusters.admin(plan.target());
    List<String> topics = new ArrayList<>();
    List<Finding> notices = new ArrayList<>();
    check("topics", findings, () -> topics.addAll(resolveTopics(plan, new TopicInspector(source), findings)));
    check("consumerGroups", findings, () -> checkGroups(plan, source, findings));
    if (!topics.isEmpty()) {
      check("capacity", findings, () -> checkCapacity(plan, topics, source, target, targetNodes, findings));
      check("target-accepts", findings, () -> checkTargetAccepts(plan, topics, source, target, findings));
      checkDisk(plan, topics, source, target, sourceNodes, targetNodes, findings);
      checkTransactions(topics, source, findings, notices);
    }
    List<String> missingPrincipals = new ArrayList<>();
    check("security", findings, () -> missingPrincipals.addAll(security(plan, topics).preflight(findings, notices)));
    return new PreflightReport(topics, findings, notices, missingPrincipals, searchAttributesRegistered, notificationDestinations);
  }

  @Override
  public List<String> missingPrincipals(MigrationPlan plan) {
    return security(plan, List.of()).missingCredentials(new ArrayList<>());
  }

  private SecurityParity security(MigrationPlan plan, List<String> topics) {
    return new SecurityParity(plan, topics, clusters.admin(plan.source()), clusters.admin(plan.target()), clusters.config(plan.target()).bootstrapServers());
  }

  /**
   * Transactions open on the plan's partitions: a hanging one (open longer than any transaction
   * may be, unknown to its coordinator) holds every read_committed consumer for good, so it is a
   * finding naming how to abort it; one in progress is a notice. Listing them needs DESCRIBE on
   * the topics and transactional ids: a cluster that refuses is a notice too, not a failure.
   */
  private static void checkTransactions(List<String> topics, Admin source, List<Finding> findings, List<Finding> notices) {
    List<OpenTransactions.Open> open;
    try {
      open = OpenTransactions.on(source, new TopicInspector(source).partitions(topics));
    } catch (RuntimeException e) {
      if (retriable(e)) {
        throw e;
      }
      notices.add(new Finding("transactions", "open transactions could not be listed (" + describe(e)
          + "): a drain held by one is still named when it happens"));
      return;
    }
    long now = System.currentTimeMillis();
    List<OpenTransactions.Open> hanging = open.stream().filter(OpenTransactions.Open::hanging).toList();
    List<OpenTransactions.Open> inProgress = open.stream().filter(t -> !t.hanging()).toList();
    hanging.stream().limit(LISTED_TRANSACTIONS).forEach(t -> findings.add(new Finding("transactions", t.describe(now)
        + ": read_committed consumers cannot read past it")));
    if (!inProgress.isEmpty()) {
      notices.add(new Finding("transactions", inProgress.size() + " transaction(s) in progress on the plan's partitions, "
          + "read_committed consumers wait for each: " + inProgress.stream().limit(LISTED_TRANSACTIONS).map(t -> t.describe(now))
              .collect(Collectors.joining("; ")) + (inProgress.size() > LISTED_TRANSACTIONS ? "; and " + (inProgress.size() - LISTED_TRANSACTIONS) + " more" : "")));
    }
    if (hanging.size() > LISTED_TRANSACTIONS) {
      findings.add(new Finding("transactions", (hanging.size() - LISTED_TRANSACTIONS) + " more hanging transaction(s)"));
    }
  }

  /**
   * Each webhook's host resolves, from this worker, to addresses the policy allows. The API may
   * see other names than the workers do: a name unknown there is checked here, where calls are
   * made, before any client moves (a repoint to an unknown host would otherwise wait on DNS).
   */
  private void checkWebhooks(MigrationPlan plan, List<Finding> findings) {
    List<ClientGroup> clients = plan.clients() == null ? List.of() : plan.clients();
    for (int i = 0; i < clients.size(); i++) {
      ClientGroup c = clients.get(i);
      if (c == null || c.strategy() != RepointStrategy.WEBHOOK || c.webhook() == null || c.webhook().url() == null) {
        continue;
      }
      String field = "clients[" + i + "].webhook.url";
      try {
        webhooks.addressesFor(c.webhook().url());
      } catch (UnknownHostException e) {
        findings.add(new Finding("webhooks", field + ": the host of '" + c.webhook().url() + "' does not resolve from this worker ("
            + e.getMessage() + ")"));
      } catch (OutboundPolicy.RefusedDestination e) {
        findings.add(new Finding("webhooks", field + ": " + e.getMessage()));
      }
    }
  }

  /**
   * Runs one check; a Kafka error in it is that check's finding, the others still run. A retriable
   * one (a timeout, a leader moving) says nothing about the plan: it fails the attempt, and
   * Temporal runs the preflight again, instead of failing the migration for good.
   */
  static void check(String name, List<Finding> findings, Runnable body) {
    try {
      body.run();
    } catch (RuntimeException e) {
      if (retriable(e)) {
        throw e;
      }
      findings.add(new Finding(name, "the check could not run: " + describe(e)));
    }
  }

  /**
   * A cluster that times out or drops the call once may only be busy (many migrations starting at
   * once share this worker's Admin client): the attempt fails and Temporal runs the preflight again.
   * Only a cluster that still does not answer on attempt {@value #REACH_ATTEMPTS} (about 90 s with
   * the Admin's 15 s timeout and Temporal's backoff) is a finding, so a wrong address is still
   * reported within two minutes. Three attempts were not enough for 100 preflights at once on two
   * saturated cores: 1 of 100 failed (`bench concurrent`).
   */
  static boolean retryBeforeCallingUnreachable(RuntimeException e, int attempt) {
    return retriable(e) && attempt < REACH_ATTEMPTS;
  }

  /** A timeout, a leader moving, a dropped connection: Kafka's own word that trying again may work. */
  private static boolean retriable(RuntimeException e) {
    return Causes.root(e) instanceof RetriableException;
  }

  private Collection<Node> reach(String role, String cluster, List<Finding> findings) {
    if (!clusters.names().contains(cluster)) {
      findings.add(new Finding("reachable", role + " cluster '" + cluster + "' is not configured on this worker; known: " + clusters.names()));
      return null;
    }
    try {
      return get(clusters.admin(cluster).describeCluster().nodes());
    } catch (RuntimeException e) {
      if (retryBeforeCallingUnreachable(e, ActivityAttempt.number())) {
        throw e;
      }
      findings.add(
          new Finding(
              "reachable",
              role + " cluster '" + cluster + "' (" + clusters.config(cluster).bootstrapServers() + ") is unreachable: " + describe(e)));
      return null;
    }
  }

  private List<String> resolveTopics(MigrationPlan plan, TopicInspector source, List<Finding> findings) {
    Set<String> existing = source.existing();
    if (plan.topicPattern() != null && !plan.topicPattern().isBlank()) {
      TopicPattern pattern = TopicPattern.compile(plan.topicPattern());
      List<String> matched = existing.stream().filter(pattern::matches).sorted().toList();
      if (matched.isEmpty()) {
        findings.add(new Finding("topics", "topicPattern '" + plan.topicPattern() + "' matches no topic on " + plan.source()));
      }
      return matched;
    }
    List<String> found = new ArrayList<>();
    for (String topic : plan.topics()) {
      if (existing.contains(topic)) {
        found.add(topic);
      } else {
        findings.add(new Finding("topics", "topic '" + topic + "' does not exist on source " + plan.source()));
      }
    }
    return found;
  }

  private void checkGroups(MigrationPlan plan, Admin source, List<Finding> findings) {
    if (plan.consumerGroups().isEmpty()) {
      return;
    }
    Map<String, Optional<ConsumerGroupDescription>> groups = Groups.describe(source, plan.consumerGroups());
    Set<String> withOffsets = new HashSet<>();
    for (String group : plan.consumerGroups()) {
      if (!get(source.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()).isEmpty()) {
        withOffsets.add(group);
      }
    }
    for (String group : plan.consumerGroups()) {
      boolean dead = groups.get(group).map(d -> d.groupState() == GroupState.DEAD).orElse(true);
      if (dead && !withOffsets.contains(group)) {
        findings.add(new Finding("consumerGroups", "group '" + group + "' does not exist on source " + plan.source() + " (no members, no commits)"));
      }
    }
  }

  private void checkCapacity(
      MigrationPlan plan, List<String> topics, Admin source, Admin target, Collection<Node> targetNodes, List<Finding> findings) {
    Map<String, TopicSettings> settings = new TopicInspector(source).settings(topics, true);
    for (TopicSettings s : settings.values()) {
      if (targetNodes.size() < s.replicationFactor()) {
        findings.add(
            new Finding(
                "capacity",
                "topic '" + s.name() + "' has replication factor " + s.replicationFactor() + " but target " + plan.target()
                    + " has only " + targetNodes.size() + " broker(s)"));
      }
    }
    Set<String> onTarget = new TopicInspector(target).existing();
    List<String> present = topics.stream().filter(onTarget::contains).toList();
    if (!present.isEmpty()) {
      Map<String, TopicSettings> targetSettings = new TopicInspector(target).settings(present, false);
      for (String t : present) {
        if (targetSettings.get(t).partitions() != settings.get(t).partitions()) {
          findings.add(
              new Finding(
                  "partitions",
                  "topic '" + t + "' exists on target with " + targetSettings.get(t).partitions() + " partitions, source has "
                      + settings.get(t).partitions()));
        }
      }
    }
  }

  /**
   * Asks the target to validate (not create) each missing topic with the source's settings, so
   * a config the target does not know or a policy it enforces is found before anything changes.
   */
  private static void checkTargetAccepts(MigrationPlan plan, List<String> topics, Admin source, Admin target, List<Finding> findings) {
    Set<String> onTarget = new TopicInspector(target).existing();
    List<String> missing = topics.stream().filter(t -> !onTarget.contains(t)).toList();
    if (missing.isEmpty()) {
      return;
    }
    Map<String, TopicSettings> wanted = new TopicInspector(source).settings(missing, true);
    List<NewTopic> creates = missing.stream()
        .map(t -> new NewTopic(t, wanted.get(t).partitions(), wanted.get(t).replicationFactor()).configs(wanted.get(t).configs()))
        .toList();
    target.createTopics(creates, new CreateTopicsOptions().validateOnly(true)).values().forEach((topic, future) -> {
      try {
        get(future);
      } catch (RuntimeException e) {
        findings.add(new Finding("target-accepts", "target " + plan.target() + " would refuse topic '" + topic + "': " + describe(e)));
      }
    });
  }

  /**
   * Stored bytes, scaled to the target's replication factors, against the target's free log-dir
   * space, where the target reports it; managed services often do not (or deny
   * describeLogDirs), and then the check is skipped, not failed.
   */
  private static void checkDisk(
      MigrationPlan plan, List<String> topics, Admin source, Admin target,
      Collection<Node> sourceNodes, Collection<Node> targetNodes, List<Finding> findings) {
    DiskNeed need;
    long usable;
    try {
      need = new DiskNeed(
          storedBytes(source, sourceNodes, Set.copyOf(topics)), replicas(source, topics), replicas(target, topics));
      usable = usableBytes(target, targetNodes);
    } catch (RuntimeException e) {
      log.warn("disk capacity not checked for {}: {}", plan.name(), describe(e));
      return;
    }
    need.shortfall(plan.target(), usable).ifPresent(problem -> findings.add(new Finding("capacity", problem)));
  }

  /** Replication factor of each of {@code topics} that exists on the cluster (prepare creates the others like the source's). */
  private static Map<String, Integer> replicas(Admin admin, List<String> topics) {
    TopicInspector inspector = new TopicInspector(admin);
    Set<String> existing = inspector.existing();
    List<String> there = topics.stream().filter(existing::contains).toList();
    Map<String, Integer> out = new HashMap<>();
    inspector.describe(there).forEach((t, d) -> out.put(t, d.partitions().isEmpty() ? 1 : d.partitions().get(0).replicas().size()));
    return out;
  }

  /** Bytes each topic occupies on the source, all replicas counted. */
  private static Map<String, Long> storedBytes(Admin admin, Collection<Node> nodes, Set<String> topics) {
    List<Integer> ids = nodes.stream().map(Node::id).toList();
    Map<Integer, Map<String, LogDirDescription>> dirs = get(admin.describeLogDirs(ids).allDescriptions());
    Map<String, Long> total = new HashMap<>();
    for (Map<String, LogDirDescription> byDir : dirs.values()) {
      for (LogDirDescription dir : byDir.values()) {
        for (var e : dir.replicaInfos().entrySet()) {
          if (topics.contains(e.getKey().topic())) {
            total.merge(e.getKey().topic(), ((ReplicaInfo) e.getValue()).size(), Long::sum);
          }
        }
      }
    }
    return total;
  }

  /** Usable log-dir bytes on the target, or -1 when a broker does not report it. */
  private static long usableBytes(Admin admin, Collection<Node> nodes) {
    List<Integer> ids = nodes.stream().map(Node::id).toList();
    Map<Integer, Map<String, LogDirDescription>> dirs = get(admin.describeLogDirs(ids).allDescriptions());
    long total = 0;
    for (Map<String, LogDirDescription> byDir : dirs.values()) {
      for (LogDirDescription dir : byDir.values()) {
        if (dir.usableBytes().isEmpty()) {
          return -1;
        }
        total += dir.usableBytes().getAsLong();
      }
    }
    return total;
  }

  static String describe(Throwable e) {
    Throwable root = Causes.root(e);
    String msg = root.getMessage();
    return root.getClass().getSimpleName() + (msg == null ? "" : " (" + msg + ")");
  }
}
