package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a client group learns that its bootstrap servers changed. */
public enum RepointStrategy {
  /** The client reads {@code GET /api/v1/routes/{client}}; the workflow flips the row. */
  ROUTING,
  /** kmigrate POSTs the change to the user's deploy system (signed, with an idempotency key). */
  WEBHOOK,
  /** A person repoints the client, following recorded instructions, and closes a gate when done. */
  MANUAL;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static RepointStrategy fromId(String id) {
    return EnumIds.parse(RepointStrategy.class, id, RepointStrategy::id, "strategy");
  }
}
