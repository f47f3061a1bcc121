package io.kmigrate.workflows.progress;

import io.kmigrate.workflows.contract.PrepareReport;
import java.util.List;

/**
 * What a migration that did not complete leaves on the target, as prepare-target made it: the
 * topics it created and the ACL bindings and quotas it copied. An abort never deletes them (a
 * topic may already hold records a producer wrote; an ACL may be in use): a person decides.
 */
public record LeftOnTarget(List<String> topicsCreated, List<String> aclsCreated, int aclsCreatedTotal, List<String> quotasCopied) {
  public LeftOnTarget {
    topicsCreated = List.copyOf(topicsCreated);
    aclsCreated = List.copyOf(aclsCreated);
    quotasCopied = List.copyOf(quotasCopied);
  }

  /** Null when prepare-target did not run or created nothing. */
  public static LeftOnTarget of(PrepareReport prepared) {
    if (prepared == null || prepared.created().isEmpty() && prepared.acls().createdTotal() == 0 && prepared.acls().quotasCopied().isEmpty()) {
      return null;
    }
    return new LeftOnTarget(prepared.created(), prepared.acls().created(), prepared.acls().createdTotal(), prepared.acls().quotasCopied());
  }
}
