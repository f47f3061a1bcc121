package io.kmigrate.workflows.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * What an audit entry records, written as its id ({@code approved}, {@code timed-out}, ...) in
 * JSON, in the store and in recorded histories. A gate closes with one of the decision actions.
 */
public enum AuditAction {
  STARTED("started"),
  APPROVED("approved"),
  REJECTED("rejected"),
  /** A gate closed, or the migration ended, because someone aborted it. */
  ABORTED("aborted"),
  /** A gate's timeout passed and it keeps waiting. */
  REMINDER("reminder"),
  /** A gate's timeout passed and the plan says to abort. */
  TIMED_OUT("timed-out"),
  /** The wait behind a gate ended by itself while the gate was open. */
  RESOLVED("resolved"),
  ROLLED_BACK("rolled-back");

  private final String id;

  AuditAction(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static AuditAction of(String id) {
    return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("'" + id + "' is not an audit action: " + Arrays.toString(values())));
  }

  @Override
  public String toString() {
    return id;
  }
}
