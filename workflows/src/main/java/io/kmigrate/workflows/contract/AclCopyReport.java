package io.kmigrate.workflows.contract;

import java.util.List;

/**
 * What prepare-target carried over of the source's security for the plan: ACL bindings created
 * on the target, found there already, and the target's DENY bindings the source lacks (left as
 * they are, never overwritten); wildcard bindings not copied; client quotas copied, and quotas
 * the target sets otherwise (left as they are). Lists hold at most {@link #LISTED} entries; the
 * totals count all. An abort leaves all of it on the target: {@link #created} says what to remove.
 */
public record AclCopyReport(
    boolean copied,
    List<String> created,
    int createdTotal,
    int alreadyThere,
    List<String> conflicts,
    List<String> notCopied,
    List<String> quotasCopied,
    List<String> quotaConflicts) {
  public static final int LISTED = 50;

  public AclCopyReport {
    created = List.copyOf(created);
    conflicts = List.copyOf(conflicts);
    notCopied = List.copyOf(notCopied);
    quotasCopied = List.copyOf(quotasCopied);
    quotaConflicts = List.copyOf(quotaConflicts);
  }

  /** Nothing copied: the plan says not to, or the target enforces no ACLs. */
  public static AclCopyReport nothing() {
    return new AclCopyReport(false, List.of(), 0, 0, List.of(), List.of(), List.of(), List.of());
  }

  /** One line for a step's summary. */
  public String summary() {
    if (!copied && quotasCopied.isEmpty()) {
      return "ACLs not copied";
    }
    return "ACLs copied " + createdTotal + ", already there " + alreadyThere + ", conflicts " + conflicts.size()
        + (notCopied.isEmpty() ? "" : ", not copied " + notCopied.size()) + "; quotas copied " + quotasCopied.size()
        + (quotaConflicts.isEmpty() ? "" : ", quota conflicts " + quotaConflicts.size());
  }
}
