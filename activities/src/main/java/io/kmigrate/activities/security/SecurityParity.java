package io.kmigrate.activities.security;

import static io.kmigrate.activities.kafka.KafkaCalls.get;

import io.kmigrate.activities.Causes;
import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.AclCopyReport;
import io.kmigrate.workflows.contract.Finding;
import io.temporal.failure.ApplicationFailure;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Security parity before any client moves: each client named with a principal may do on the
 * target what its work needs (judged by Kafka's own authorizer over the target's ACLs plus those
 * the migration will copy), can log in there (its SCRAM credential exists), and kmigrate may do
 * what the copy needs. Then, in prepare-target, the copy itself and a check of the result.
 */
public final class SecurityParity {
  /** Failure type when the target, after the copy, still refuses a client something it needs. */
  public static final String PERMISSIONS_MISSING = "PermissionsMissing";
  /** The most missing permissions listed one by one; the rest are counted. */
  static final int LISTED = 20;
  private static final String CHECK = "security";

  private final MigrationPlan plan;
  private final PlanResources resources;
  private final List<AccessNeed> needs;
  private final Admin source;
  private final Admin target;
  private final String targetBootstrap;

  public SecurityParity(MigrationPlan plan, List<String> topics, Admin source, Admin target, String targetBootstrap) {
    this.plan = plan;
    this.resources = PlanResources.of(plan, topics);
    this.needs = AccessNeed.of(plan, topics);
    this.source = source;
    this.target = target;
    this.targetBootstrap = targetBootstrap;
  }

  /** The principals the plan names, as written. */
  public Set<String> principals() {
    return plan.clients().stream().filter(c -> c != null && c.hasPrincipal()).map(ClientGroup::principal).collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * Adds a finding per problem and a notice per thing a person should know.
   *
   * @return the principals without a SCRAM credential on the target (gate principals-missing)
   */
  public List<String> preflight(List<Finding> findings, List<Finding> notices) {
    ClusterAuthorization targetAuth = read("target", target, findings);
    if (targetAuth == null) {
      return List.of();
    }
    boolean copy = plan.acls().copies(targetAuth.enforced());
    if (!targetAuth.enforced()) {
      // Only news to a plan that asked about security: most plaintext test clusters never do.
      if (!principals().isEmpty() || Boolean.TRUE.equals(plan.acls().copy())) {
        notices.add(new Finding(CHECK, "the target has no authorizer: every client may do everything there"
            + (Boolean.TRUE.equals(plan.acls().copy()) ? "; no ACLs are copied (acls.copy has nothing to copy to)" : "")));
      }
      copy = false;
    }
    List<AclBinding> toCopy = List.of();
    ClusterAuthorization sourceAuth = null;
    if (copy || (!principals().isEmpty() && targetAuth.enforced())) {
      sourceAuth = copy ? read("source", source, findings) : readQuietly(source);
      if (copy && sourceAuth != null) {
        if (sourceAuth.enforced()) {
          AclSelection selection = AclSelection.from(sourceAuth.bindings(), resources);
          toCopy = selection.toCopy();
          selection.wildcards().forEach(b -> notices.add(new Finding(CHECK, "not copied: " + Bindings.describe(b)
              + " reaches every resource of its type on the target: grant it there yourself if wanted")));
        } else {
          notices.add(new Finding(CHECK, "the source has no authorizer, so there are no ACLs to copy: every client needs grants on the target"));
        }
      }
      if (copy) {
        requireClusterOperations(AclOperation.ALTER, "create the copied ACLs", "or set acls: {copy: false}", findings);
      }
    }
    if (plan.quotas().copies() && !principals().isEmpty()) {
      requireClusterOperations(AclOperation.ALTER_CONFIGS, "copy client quotas", "or set quotas: {copy: false}", findings);
    }
    if (targetAuth.enforced() && !needs.isEmpty()) {
      checkNeeds(targetAuth.with(toCopy), sourceAuth, findings, notices);
    }
    return principals().isEmpty() ? List.of() : missingCredentials(notices);
  }

  /** The principals without a SCRAM credential on the target now: a recheck after a person created them. */
  public List<String> missingCredentials(List<Finding> notices) {
    ScramCredentials scram;
    try {
      scram = ScramCredentials.check(target, principals());
    } catch (RuntimeException e) {
      if (Causes.root(e) instanceof RetriableException) {
        throw e;
      }
      notices.add(new Finding(CHECK, "SCRAM credentials on the target could not be listed (" + describe(e) + "): whether "
          + String.join(", ", principals()) + " can log in there is not checked"));
      return List.of();
    }
    if (!scram.checked()) {
      notices.add(new Finding(CHECK, "the target holds no SCRAM credential: its clients log in another way (PLAIN, OAUTHBEARER, mutual TLS) that Kafka "
          + "cannot be asked about; make sure " + String.join(", ", principals()) + " can log in there"));
      return List.of();
    }
    scram.missing().forEach(p -> notices.add(new Finding(CHECK, p + " has no SCRAM credential on the target (credentials cannot be copied out of Kafka): create it with "
        + scram.createCommand(p, targetBootstrap))));
    return scram.missing();
  }

  /** Copies ACLs and quotas as the plan says, then checks that every client may now do what it needs. */
  public AclCopyReport prepare() {
    ClusterAuthorization targetAuth = ClusterAuthorization.read(target);
    AclCopyReport report = AclCopyReport.nothing();
    if (targetAuth.enforced() && plan.acls().copies(true)) {
      ClusterAuthorization sourceAuth = ClusterAuthorization.read(source);
      AclSelection selection = sourceAuth.enforced() ? AclSelection.from(sourceAuth.bindings(), resources) : new AclSelection(List.of(), List.of());
      report = AclCopy.apply(target, selection, targetAuth, resources);
    }
    if (plan.quotas().copies() && !principals().isEmpty()) {
      QuotaCopy.Result quotas = QuotaCopy.apply(source, target, principals());
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

  private void checkNeeds(ClusterAuthorization after, ClusterAuthorization sourceAuth, List<Finding> findings, List<Finding> notices) {
    List<Finding> missing = new ArrayList<>();
    try (Permissions targetPermissions = new Permissions(after);
        Permissions sourcePermissions = sourceAuth == null || !sourceAuth.enforced() ? null : new Permissions(sourceAuth)) {
      for (AccessNeed need : needs) {
        if (need.allowedBy(targetPermissions, null)) {
          continue;
        }
        List<String> hosts = hostsAllowing(targetPermissions, need, after);
        if (!hosts.isEmpty()) {
          notices.add(new Finding(CHECK, need.client().principal() + " may " + need.what() + " on the target only from " + String.join(", ", hosts)
              + ": kmigrate cannot tell which host the client connects from"));
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
  }

  /** The hosts a host-specific ALLOW for the need's principal names, from which the need would be allowed. */
  private static List<String> hostsAllowing(Permissions permissions, AccessNeed need, ClusterAuthorization cluster) {
    String principal = need.client().principal();
    return cluster.bindings().stream()
        .filter(b -> b.entry().permissionType() == AclPermissionType.ALLOW && principal.equals(b.entry().principal()) && !"*".equals(b.entry().host()))
        .map(b -> b.entry().host()).distinct().sorted()
        .filter(h -> need.allowedBy(permissions, Permissions.address(h))).toList();
  }

  private void requireClusterOperations(AclOperation operation, String what, String orElse, List<Finding> findings) {
    Set<AclOperation> allowed;
    try {
      allowed = get(target.describeCluster(new DescribeClusterOptions().includeAuthorizedOperations(true)).authorizedOperations());
    } catch (RuntimeException e) {
      if (Causes.root(e) instanceof RetriableException) {
        throw e;
      }
      findings.add(new Finding(CHECK, "what kmigrate may do on the target could not be read (" + describe(e) + ")"));
      return;
    }
    if (allowed != null && !allowed.contains(operation) && !allowed.contains(AclOperation.ALL)) {
      findings.add(new Finding(CHECK, "kmigrate's own principal may not " + operation + " the target cluster, which it needs to " + what
          + ": grant it (kafka-acls --bootstrap-server " + targetBootstrap + " --add --allow-principal <kmigrate's principal> --operation "
          + operation.name().replace('_', '-').toLowerCase(java.util.Locale.ROOT) + " --cluster) " + orElse));
    }
  }

  private static ClusterAuthorization read(String role, Admin admin, List<Finding> findings) {
    try {
      return ClusterAuthorization.read(admin);
    } catch (RuntimeException e) {
      if (Causes.root(e) instanceof RetriableException) {
        throw e;
      }
      findings.add(new Finding(CHECK, "the " + role + "'s ACLs could not be read (" + describe(e) + "): kmigrate's principal needs DESCRIBE on the "
          + role + " cluster to compare and copy them, or set acls: {copy: false} and name no principals"));
      return null;
    }
  }

  /** The source's ACLs only to say what it grants beside a finding: without them the finding stands alone. */
  private static ClusterAuthorization readQuietly(Admin admin) {
    try {
      return ClusterAuthorization.read(admin);
    } catch (RuntimeException e) {
      if (Causes.root(e) instanceof RetriableException) {
        throw e;
      }
      return null;
    }
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
}
