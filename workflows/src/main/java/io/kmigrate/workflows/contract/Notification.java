package io.kmigrate.workflows.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Word to a person about a migration: a gate opened (what it asks, what approve and reject mean),
 * a gate's timeout reminded, or the migration ended (its outcome and how long it took).
 * {@code key} is the same on every retry of one notification, so a receiver can drop repeats.
 */
public record Notification(
    NotificationEvent event,
    String migrationId,
    String scheme,
    String source,
    String target,
    String gate,
    String question,
    String approveMeans,
    String rejectMeans,
    String outcome,
    long durationMs,
    String at,
    String key) {

  /** "orders-move waits at gate producer-cutover: repoint producers …?" — one line for any format. */
  @JsonIgnore
  public String headline() {
    return switch (event) {
      case GATE_OPENED -> migrationId + " waits at gate " + gate + ": " + question;
      case GATE_REMINDER -> migrationId + " still waits at gate " + gate + ": " + question;
      case MIGRATION_ENDED -> migrationId + " " + outcome + " after " + (durationMs / 1000) + " s (" + scheme + ", " + source + " to " + target + ")";
    };
  }
}
