package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;

/**
 * One approval gate: whether a person must approve it, how long to wait for them, and what
 * happens when nobody answers in time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateConfig(
    Boolean required,
    @JsonSerialize(using = ToStringSerializer.class) @JsonDeserialize(using = DurationText.Deserializer.class)
        Duration timeout,
    GateTimeoutAction onTimeout) {

  public GateConfig {
    required = required == null ? Boolean.TRUE : required;
    onTimeout = onTimeout == null ? GateTimeoutAction.KEEP_WAITING : onTimeout;
  }

  public static GateConfig requiredForever() {
    return new GateConfig(true, null, GateTimeoutAction.KEEP_WAITING);
  }

  public boolean isRequired() {
    return required;
  }
}
