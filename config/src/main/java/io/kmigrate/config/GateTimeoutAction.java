package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an unanswered gate does when its timeout fires. */
public enum GateTimeoutAction {
  /** Fail the migration (only allowed where nothing client-facing has to be undone). */
  ABORT,
  /** Record a reminder in the audit log and keep waiting for a person. */
  KEEP_WAITING;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @JsonCreator
  public static GateTimeoutAction fromId(String id) {
    return EnumIds.parse(GateTimeoutAction.class, id, GateTimeoutAction::id, "timeout action");
  }
}
