package io.kmigrate.workflows.contract;

import java.util.List;

/** What preflight learned: the topics the plan resolves to and every problem found. */
public record PreflightReport(List<String> topics, List<Finding> findings) {
  public PreflightReport {
    topics = List.copyOf(topics);
    findings = List.copyOf(findings);
  }

  public boolean passed() {
    return findings.isEmpty();
  }
}
