package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The runbook's migration schemes, named as users write them in a plan. */
public enum Scheme {
  /** Scheme 1: repoint producers, drain the source, then repoint consumers. Keeps order. */
  PRODUCTION_FIRST("production-first", "ProductionFirstMigration"),
  /**
   * Scheme 2: new consumers start on the target beside the old ones, producers move, the old
   * consumers stop once the source drained. No consumer pause; per-key order not kept meanwhile.
   */
  PRODUCTION_LATER("production-later", "ProductionLaterMigration");

  private final String id;
  private final String workflowType;

  Scheme(String id, String workflowType) {
    this.id = id;
    this.workflowType = workflowType;
  }

  @JsonValue
  public String id() {
    return id;
  }

  /** The Temporal workflow type that runs this scheme. */
  public String workflowType() {
    return workflowType;
  }

  @JsonCreator
  public static Scheme fromId(String id) {
    return EnumIds.parse(Scheme.class, id, Scheme::id, "scheme");
  }
}
