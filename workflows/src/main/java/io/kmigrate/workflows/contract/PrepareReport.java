package io.kmigrate.workflows.contract;

import java.util.List;

/** What prepare target did: topics created, topics already there and equal, groups seeded. */
public record PrepareReport(List<String> created, List<String> alreadyMatching, List<String> seededGroups) {
  public PrepareReport {
    created = List.copyOf(created);
    alreadyMatching = List.copyOf(alreadyMatching);
    seededGroups = List.copyOf(seededGroups);
  }
}
