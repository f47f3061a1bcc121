package io.kmigrate.activities.security;

import static io.kmigrate.activities.kafka.KafkaCalls.get;

import io.kmigrate.workflows.contract.AclCopyReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclPermissionType;

/**
 * Creates the selected source bindings on the target, idempotently (a binding already there is
 * counted, not created twice), and reports the target's own DENY bindings on the plan's
 * resources that the source lacks: a copy never removes or overrides one, and the person who put
 * it there decides.
 */
public final class AclCopy {
  private AclCopy() {}

  public static AclCopyReport apply(Admin target, AclSelection selection, ClusterAuthorization targetNow, PlanResources resources) {
    Set<AclBinding> there = new HashSet<>(targetNow.bindings());
    Set<AclBinding> fromSource = new HashSet<>(selection.toCopy());
    List<AclBinding> toCreate = selection.toCopy().stream().filter(b -> !there.contains(b)).toList();
    if (!toCreate.isEmpty()) {
      get(target.createAcls(toCreate).all());
    }
    List<String> conflicts = AclSelection.from(targetNow.bindings(), resources).toCopy().stream()
        .filter(b -> b.entry().permissionType() == AclPermissionType.DENY && !fromSource.contains(b))
        .map(b -> Bindings.describe(b) + " is on the target only: left as it is").toList();
    return new AclCopyReport(true, listed(toCreate.stream().map(Bindings::describe).toList()), toCreate.size(),
        selection.toCopy().size() - toCreate.size(), listed(conflicts),
        listed(selection.wildcards().stream().map(b -> Bindings.describe(b) + " reaches every resource of its type: grant it on the target yourself if wanted").toList()),
        List.of(), List.of());
  }

  static List<String> listed(List<String> all) {
    List<String> out = new ArrayList<>(all.subList(0, Math.min(all.size(), AclCopyReport.LISTED)));
    if (all.size() > AclCopyReport.LISTED) {
      out.add("and " + (all.size() - AclCopyReport.LISTED) + " more");
    }
    return out;
  }
}
