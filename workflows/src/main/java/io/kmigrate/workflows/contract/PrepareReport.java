package io.kmigrate.workflows.contract;

import java.util.List;

/**
 * What prepare target did: topics created, topics already there and equal, groups seeded, and
 * the ACLs and quotas carried over (none in reports recorded before they were).
 */
public record PrepareReport(List<String> created, List<String> alreadyMatching, List<String> seededGroups, AclCopyReport acls) {
  public PrepareReport {
    created = List.copyOf(created);
    alreadyMatching = List.copyOf(alreadyMatching);
    seededGroups = List.copyOf(seededGroups);
    acls = acls == null ? AclCopyReport.nothing() : acls;
  }

  public PrepareReport(List<String> created, List<String> alreadyMatching, List<String> seededGroups) {
    this(created, alreadyMatching, seededGroups, null);
  }
}
