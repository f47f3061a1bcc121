package io.kmigrate.workflows.contract;

/**
 * One line of the audit log: a start, a gate decision, a reminder, an abort.
 *
 * @param source the network address the decision came from, as the kmigrate API saw it
 *     (e.g. "127.0.0.1"); null when nobody's address is known: kmigrate's own entries
 *     (reminders, timeouts, rollbacks) and decisions sent straight through Temporal (CLI, UI,
 *     SDK), since Temporal does not tell a workflow who sent a signal or update.
 */
public record AuditEntry(String migrationId, String gate, AuditAction action, String by, String comment, String at, String source) {
  /** An entry with no known source address. */
  public AuditEntry(String migrationId, String gate, AuditAction action, String by, String comment, String at) {
    this(migrationId, gate, action, by, comment, at, null);
  }
}
