package io.kmigrate.workflows.contract;

import java.util.List;

/**
 * What preflight learned: the topics the plan resolves to, every problem found (any fails the
 * migration), and notices a person should know that do not stop it (transactions open on the
 * plan's partitions, say).
 */
public record PreflightReport(List<String> topics, List<Finding> findings, List<Finding> notices) {
  public PreflightReport {
    topics = List.copyOf(topics);
    findings = List.copyOf(findings);
    // Reports recorded before notices existed have none.
    notices = notices == null ? List.of() : List.copyOf(notices);
  }

  public PreflightReport(List<String> topics, List<Finding> findings) {
    this(topics, findings, List.of());
  }

  public boolean passed() {
    return findings.isEmpty();
  }
}
