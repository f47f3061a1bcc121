package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a client group learns that its bootstrap servers changed. */
public enum RepointStrategy {
  /** The client reads {@code GET /api/v1/routes/{client}}; the workflow flips the row. */
  ROUTING;

  @JsonValue
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  @JsonCreator
  public static RepointStrategy fromId(String id) {
    return EnumIds.parse(RepointStrategy.class, id, RepointStrategy::id, "strategy");
  }
}
