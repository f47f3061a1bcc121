package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a campaign does when one of its units ends otherwise than completed. */
public enum FailurePolicy {
  /** No further wave starts; the units already running finish as they will. */
  STOP("stop"),
  /** The other units and waves go on. */
  CONTINUE("continue");

  private final String id;

  FailurePolicy(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static FailurePolicy of(String id) {
    return EnumIds.parse(FailurePolicy.class, id, FailurePolicy::id, "failure policy");
  }
}
