package io.kmigrate.activities.security;

import static io.kmigrate.activities.kafka.KafkaCalls.get;

import io.kmigrate.activities.ActivityHeartbeat;
import io.kmigrate.activities.Causes;
import io.kmigrate.activities.kafka.TopicInspector;
import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.AclCopyReport;
import io.kmigrate.workflows.contract.Finding;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Security parity before any client moves: each client named with a principal may do on the
 * target what its work needs (judged by Kafka's own authorizer over the target's ACLs plus those
 * the migration will copy), can log in there (its SCRAM credential exists), and kmigrate may do
 * what the copy needs. Then, in prepare-target, the copy itself and a check of the result.
 *
 * <p>A plan that names no principal and leaves {@code acls.copy} unset asks for a copy only where
 * one is possible: a target whose ACLs kmigrate cannot read is then a notice, not a failure. A
 * plan with {@code acls: {copy: false}} and no principal skips all of it.
 */
public final class SecurityParity {
  /** Failure type when the target, after the copy, still refuses a client something it needs. */
  public static final String PERMISSIONS_MISSING = "PermissionsMissing";
  /** Failure type when the ACLs or quotas the plan asks to copy cannot be read or written. */
  public static final String SECURITY_REFUSED = "SecurityRefused";
  /** The most findings or notices of one kind listed one by one; the rest are counted. */
  static final int LISTED = 20;
  private static final String CHECK = "security";

  private final MigrationPlan plan;
  private final PlanResources resources;
  private final List<AccessNeed> needs;
  private final Admin source;
  private final Admin target;
  private final String targetBootstrap;
  private final Set<String> principals;

  public SecurityParity(MigrationPlan plan, List<String> topics, Admin source, Admin target, String targetBootstrap) {
    this.plan = plan;
    this.resources = PlanResources.of(plan, topics);
    this.needs = AccessNeed.of(plan, topics);
    this.source = source;
    this.target = target;
    this.targetBootstrap = targetBootstrap;
    this.principals = java.util.Collections.unmodifiableSortedSet(plan.clients().stream().filter(c -> c != null && c.hasPrincipal())
        .map(ClientGroup::principal).collect(Collectors.toCollection(TreeSet::new)));
  }

  /** The principals the plan names, as written. */
  public Set<String> principals() {
    return principals;
  }

  /** Whether a failure to read or copy ACLs must stop the migration: the plan asked for them. */
  private boolean required() {
    return Boolean.TRUE.equals(plan.acls().copy()) || !principals().isEmpty();
  }

  private boolean skipped() {
    return Boolean.FALSE.equals(plan.acls().copy()) && principals().isEmpty();
  }

  /**
   * Adds a finding per problem and a notice per thing a person should know.
   *
   * @return the principals without a SCRAM credential on the target (gate principals-missing)
   */
  public List<String> preflight(List<Finding> findings, List<Finding> allNotices) {
    if (skipped()) {
      return List.of();
    }
    Notices notices = new Notices();
    try {
      return preflight(findings, notices);
    } finally {
      notices.addTo(allNotices);
    }
  }

  private List<String> preflight(List<Finding> findings, Notices notices) {
    ClusterAuthorization targetAuth = read("target", target, findings, notices);
    if (targetAuth == null) {
      return List.of();
    }
    boolean copy = plan.acls().copies(targetAuth.enforced());
    if (!targetAuth.enforced()) {
      if (required()) {
        notices.add("authorizer", "the target has no authorizer: every client may do everything there"
            + (Boolean.TRUE.equals(plan.acls().copy()) ? "; no ACLs are copied (acls.copy has nothing to copy to)" : ""));
      }
      copy = false;
    }
    List<AclBinding> toCopy = List.of();
    ClusterAuthorization sourceAuth = null;
    if (copy || (!principals().isEmpty() && targetAuth.enforced())) {
      sourceAuth = copy ? read("source", source, findings, notices) : readQuietly(source);
      if (copy && sourceAuth != null) {
        if (sourceAuth.enforced()) {
          AclSelection selection = AclSelection.from(sourceAuth.bindings(), resources);
          toCopy = selection.toCopy();
          selection.wildcards().forEach(b -> notices.add("wildcard", "not copied: " + Bindings.describe(b)
              + " reaches every resource of its type on the target: grant it there yourself if wanted"));
          reachBeyondPlan(toCopy, notices);
        } else {
          notices.add("source", "the source has no authorizer, so there are no ACLs to copy: every client needs grants on the target");
        }
      }
      Set<AclBinding> there = new HashSet<>(targetAuth.bindings());
      if (toCopy.stream().anyMatch(b -> !there.contains(b))) {
        requireClusterOperation(AclOperation.ALTER, "create the copied ACLs", "or set acls: {copy: false}", findings);
      }
    }
    checkQuotas(findings);
    if (targetAuth.enforced() && !needs.isEmpty()) {
      if (!targetAuth.settingsKnown()) {
        notices.add("settings", "the target does not show super.users and allow.everyone.if.no.acl.found (brokers report an authorizer's settings "
            + "as sensitive): a client that is a super user there is judged by its ACLs alone, and a resource without ACLs counts as closed");
      }
      checkNeeds(targetAuth.with(toCopy), sourceAuth, findings, notices);
    }
    return principals().isEmpty() ? List.of() : missingCredentials(notices);
  }

  /** The principals without a SCRAM credential on the target now: a recheck after a person created them. */
  public List<String> missingCredentials(List<Finding> allNotices) {
    if (principals().isEmpty()) {
      return List.of();
    }
    Notices notices = new Notices();
    try {
      return missingCredentials(notices);
    } finally {
      notices.addTo(allNotices);
    }
  }

  private List<String> missingCredentials(Notices notices) {
    ScramCredentials scram;
    try {
      scram = ScramCredentials.check(target, principals());
    } catch (RuntimeException e) {
      rethrowIfRetriable(e);
      notices.add("scram", "SCRAM credentials on the target could not be listed (" + describe(e) + "): whether "
          + String.join(", ", principals()) + " can log in there is not checked");
      return List.of();
    }
    if (!scram.checked()) {
      notices.add("scram", "the target holds no SCRAM credential: its clients log in another way (PLAIN, OAUTHBEARER, mutual TLS) that Kafka "
          + "cannot be asked about; make sure " + String.join(", ", principals()) + " can log in there");
      return List.of();
    }
    scram.missing().forEach(p -> notices.add("scram", p + " has no SCRAM credential on the target (credentials cannot be copied out of Kafka): "
        + "create it with " + scram.createCommand(p, targetBootstrap) + ", or approve at gate principals-missing if it logs in another way"));
    return scram.missing();
  }

  /** Copies ACLs and quotas as the plan says, then checks that every client may now do what it needs. */
  public AclCopyReport prepare() {
    if (skipped()) {
      return AclCopyReport.nothing();
    }
    ClusterAuthorization targetAuth;
    try {
      targetAuth = ClusterAuthorization.read(target);
    } catch (RuntimeException e) {
      if (!required()) {
        rethrowIfRetriable(e);
        return AclCopyReport.nothing(); // preflight said so: a copy the plan did not ask for
      }
      throw refused("the target's ACLs could not be read", e);
    }
    AclCopyReport report = AclCopyReport.nothing();
    if (targetAuth.enforced() && plan.acls().copies(true)) {
      ActivityHeartbeat.beat();
      try {
        ClusterAuthorization sourceAuth = ClusterAuthorization.read(source);
        AclSelection selection = sourceAuth.enforced() ? AclSelection.from(sourceAuth.bindings(), resources) : new AclSelection(List.of(), List.of());
        report = AclCopy.apply(target, selection, targetAuth, resources);
      } catch (RuntimeException e) {
        throw refused("the ACLs could not be copied", e);
      }
    }
    if (plan.quotas().copies() && !principals().isEmpty()) {
      QuotaCopy.Result quotas;
      try {
        quotas = QuotaCopy.apply(source, target, principals());
      } catch (RuntimeException e) {
        throw refused("the client quotas could not be copied", e);
      }
      report = new AclCopyReport(report.copied(), report.created(), report.createdTotal(), report.alreadyThere(), report.conflicts(),
          report.notCopied(), quotas.copied(), quotas.conflicts());
    }
    if (targetAuth.enforced() && !needs.isEmpty()) {
      verifyAfterCopy();
    }
    return report;
  }

  /**
   * The copy's result as the target now has it. Brokers apply new ACLs a moment after the
   * controller commits them, so a missing grant is looked for again for a few seconds before it
   * fails the step.
   */
  private void verifyAfterCopy() {
    List<String> missing = List.of();
    for (int attempt = 0; attempt < 10; attempt++) {
      ActivityHeartbeat.beat();
      ClusterAuthorization cluster = ClusterAuthorization.read(target);
      try (Permissions now = new Permissions(cluster)) {
        missing = needs.stream().filter(n -> !n.allowedBy(now, null) && hostsAllowing(now, n, cluster).isEmpty())
            .map(n -> n.client().principal() + " may not " + n.what()).toList();
      }
      if (missing.isEmpty()) {
        return;
      }
      sleep(500);
    }
    throw ApplicationFailure.newNonRetryableFailure("after the copy the target still refuses: " + String.join("; ", missing.subList(0, Math.min(LISTED, missing.size())))
        + (missing.size() > LISTED ? "; and " + (missing.size() - LISTED) + " more" : ""), PERMISSIONS_MISSING, missing.size());
  }

  private void checkNeeds(ClusterAuthorization after, ClusterAuthorization sourceAuth, List<Finding> findings, Notices notices) {
    List<Finding> missing = new ArrayList<>();
    try (Permissions targetPermissions = new Permissions(after);
        Permissions sourcePermissions = sourceAuth == null || !sourceAuth.enforced() ? null : new Permissions(sourceAuth)) {
      for (AccessNeed need : needs) {
        if (need.allowedBy(targetPermissions, null)) {
          continue;
        }
        List<String> hosts = hostsAllowing(targetPermissions, need, after);
        if (!hosts.isEmpty()) {
          notices.add("hosts", need.client().principal() + " may " + need.what() + " on the target only from " + String.join(", ", hosts)
              + ": kmigrate cannot tell which host the client connects from");
          continue;
        }
        String onSource = sourceAuth == null ? "" : !sourceAuth.enforced() ? " (the source has no authorizer)"
            : need.allowedBy(sourcePermissions, null) ? " (the source allows it)" : " (the source does not allow it either)";
        missing.add(new Finding(CHECK, need.client().principal() + " (client " + need.client().name() + ") may not " + need.what()
            + " on the target" + onSource + ": grant it with " + need.grantCommand(targetBootstrap)));
      }
    }
    findings.addAll(missing.subList(0, Math.min(LISTED, missing.size())));
    if (missing.size() > LISTED) {
      findings.add(new Finding(CHECK, (missing.size() - LISTED) + " more missing permission(s)"));
    }
    // Kafka never says where a producer connects from: a DENY for one host may be the client's.
    after.bindings().stream()
        .filter(b -> b.entry().permissionType() == AclPermissionType.DENY && principals.contains(b.entry().principal()) && !"*".equals(b.entry().host()))
        .forEach(b -> notices.add("hosts", Bindings.describe(b) + " is on the target: if the client connects from that host, it is refused there"));
  }

  /** A copied prefixed binding also reaches the target's topics that start with it but the plan does not move: say which. */
  private void reachBeyondPlan(List<AclBinding> toCopy, Notices notices) {
    List<AclBinding> prefixed = toCopy.stream()
        .filter(b -> b.pattern().patternType() == PatternType.PREFIXED && b.pattern().resourceType() == ResourceType.TOPIC).toList();
    if (prefixed.isEmpty()) {
      return;
    }
    Set<String> existing = new TopicInspector(target).existing();
    for (AclBinding b : prefixed) {
      List<String> beyond = existing.stream().filter(t -> t.startsWith(b.pattern().name()) && !resources.topics().contains(t)).sorted().toList();
      if (!beyond.isEmpty()) {
        notices.add("reach", "copying " + Bindings.describe(b) + " also reaches " + beyond.size() + " topic(s) on the target the plan does not move: "
            + String.join(", ", beyond.subList(0, Math.min(10, beyond.size()))) + (beyond.size() > 10 ? ", …" : ""));
      }
    }
  }

  /** Quotas to copy are read now, so a refusal is a finding before anything changes, and kmigrate may write them on the target. */
  private void checkQuotas(List<Finding> findings) {
    if (!plan.quotas().copies() || principals().isEmpty()) {
      return;
    }
    int quotas;
    try {
      quotas = QuotaCopy.count(source, principals());
    } catch (RuntimeException e) {
      rethrowIfRetriable(e);
      findings.add(new Finding(CHECK, "the source's client quotas could not be read (" + describe(e) + "): grant kmigrate DESCRIBE_CONFIGS on the "
          + "source cluster, or set quotas: {copy: false}"));
      return;
    }
    if (quotas > 0) {
      requireClusterOperation(AclOperation.ALTER_CONFIGS, "copy " + quotas + " client quota(s)", "or set quotas: {copy: false}", findings);
    }
  }

  /** The hosts a host-specific ALLOW for the need's principal names, from which the need would be allowed. */
  private static List<String> hostsAllowing(Permissions permissions, AccessNeed need, ClusterAuthorization cluster) {
    String principal = need.client().principal();
    return cluster.bindings().stream()
        .filter(b -> b.entry().permissionType() == AclPermissionType.ALLOW && principal.equals(b.entry().principal()) && !"*".equals(b.entry().host()))
        .map(b -> b.entry().host()).distinct().sorted()
        .filter(h -> Permissions.ipAddress(h).map(a -> need.allowedBy(permissions, a)).orElse(false)).toList();
  }

  private void requireClusterOperation(AclOperation operation, String what, String orElse, List<Finding> findings) {
    Set<AclOperation> allowed;
    try {
      allowed = get(target.describeCluster(new DescribeClusterOptions().includeAuthorizedOperations(true)).authorizedOperations());
    } catch (RuntimeException e) {
      rethrowIfRetriable(e);
      findings.add(new Finding(CHECK, "what kmigrate may do on the target could not be read (" + describe(e) + ")"));
      return;
    }
    if (allowed != null && !allowed.contains(operation) && !allowed.contains(AclOperation.ALL)) {
      findings.add(new Finding(CHECK, "kmigrate's own principal may not " + operation + " the target cluster, which it needs to " + what
          + ": grant it (kafka-acls --bootstrap-server " + targetBootstrap + " --add --allow-principal <kmigrate's principal> --operation "
          + operation.name().replace('_', '-').toLowerCase(Locale.ROOT) + " --cluster) " + orElse));
    }
  }

  /** A cluster's ACLs; a refusal is a finding when the plan asked for them, else a notice and no copy. */
  private ClusterAuthorization read(String role, Admin admin, List<Finding> findings, Notices notices) {
    try {
      return ClusterAuthorization.read(admin);
    } catch (RuntimeException e) {
      rethrowIfRetriable(e);
      String why = "the " + role + "'s ACLs could not be read (" + describe(e) + "): kmigrate's principal needs DESCRIBE on the " + role
          + " cluster (kafka-acls --add --allow-principal <kmigrate's principal> --operation describe --cluster)";
      if (required()) {
        findings.add(new Finding(CHECK, why + ", or set acls: {copy: false} and name no principals"));
      } else {
        notices.add("read", why + "; no ACLs are copied");
      }
      return null;
    }
  }

  /** The source's ACLs only to say what it grants beside a finding: without them the finding stands alone. */
  private static ClusterAuthorization readQuietly(Admin admin) {
    try {
      return ClusterAuthorization.read(admin);
    } catch (RuntimeException e) {
      rethrowIfRetriable(e);
      return null;
    }
  }

  private static void rethrowIfRetriable(RuntimeException e) {
    if (Causes.root(e) instanceof RetriableException) {
      throw e;
    }
  }

  /** A refusal retrying cannot fix (no permission, no ACL API): fails the step, naming it. */
  private static RuntimeException refused(String what, RuntimeException e) {
    rethrowIfRetriable(e);
    if (e instanceof ApplicationFailure) {
      return e;
    }
    return ApplicationFailure.newNonRetryableFailure(what + ": " + describe(e), SECURITY_REFUSED);
  }

  private static String describe(Throwable e) {
    Throwable root = Causes.root(e);
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Notices by kind, each kind listed up to {@link #LISTED} times and counted past that: they go into history. */
  private static final class Notices {
    private final java.util.Map<String, List<String>> byKind = new java.util.LinkedHashMap<>();

    void add(String kind, String message) {
      byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(message);
    }

    void addTo(List<Finding> notices) {
      byKind.values().forEach(list -> {
        list.stream().limit(LISTED).forEach(m -> notices.add(new Finding(CHECK, m)));
        if (list.size() > LISTED) {
          notices.add(new Finding(CHECK, "and " + (list.size() - LISTED) + " more like the one above"));
        }
      });
    }
  }
}
