package io.kmigrate.workflows.contract;

import java.util.List;

/**
 * What preflight learned: the topics the plan resolves to, every problem found (any fails the
 * migration), notices a person should know that do not stop it (transactions open on the
 * plan's partitions, say), and the plan's principals that cannot log in to the target yet (no
 * SCRAM credential there: gate principals-missing, as only a person can create one).
 */
public record PreflightReport(
    List<String> topics, List<Finding> findings, List<Finding> notices, List<String> missingPrincipals, Boolean searchAttributesRegistered,
    Integer notificationDestinations) {
  public PreflightReport {
    topics = List.copyOf(topics);
    findings = List.copyOf(findings);
    // Reports recorded before notices existed have none.
    notices = notices == null ? List.of() : List.copyOf(notices);
    missingPrincipals = missingPrincipals == null ? List.of() : List.copyOf(missingPrincipals);
  }

  public PreflightReport(List<String> topics, List<Finding> findings) {
    this(topics, findings, List.of(), List.of());
  }

  public PreflightReport(List<String> topics, List<Finding> findings, List<Finding> notices) {
    this(topics, findings, notices, List.of());
  }

  public PreflightReport(List<String> topics, List<Finding> findings, List<Finding> notices, List<String> missingPrincipals) {
    this(topics, findings, notices, missingPrincipals, false, 0);
  }

  /**
   * How many notification destinations the worker has: the migration tells each when a gate opens
   * and when it ends (none in reports recorded before it was asked).
   */
  public int notifications() {
    return notificationDestinations == null ? 0 : notificationDestinations;
  }

  /**
   * Whether the worker found kmigrate's search attributes registered on its Temporal server, so
   * the migration may set them (false in reports recorded before it was asked: they set none).
   */
  public boolean searchAttributesReady() {
    return Boolean.TRUE.equals(searchAttributesRegistered);
  }

  public boolean passed() {
    return findings.isEmpty();
  }
}
