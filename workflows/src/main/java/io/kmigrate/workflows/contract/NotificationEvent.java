package io.kmigrate.workflows.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a notification is about. */
public enum NotificationEvent {
  GATE_OPENED,
  GATE_REMINDER,
  MIGRATION_ENDED;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @JsonCreator
  public static NotificationEvent of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
