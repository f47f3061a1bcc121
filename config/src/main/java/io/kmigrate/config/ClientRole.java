package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a client group writes to the plan's topics or reads them. */
public enum ClientRole {
  PRODUCER,
  CONSUMER;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static ClientRole fromId(String id) {
    return EnumIds.parse(ClientRole.class, id, ClientRole::id, "role");
  }
}
