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
  PRODUCTION_LATER("production-later", "ProductionLaterMigration"),
  /**
   * Consumers move first, at their offsets translated to the target, while MirrorMaker 2 keeps
   * the target current; then producers are fenced until the mirror copied the source's last
   * records, and resume on the target. Per-key order is kept and nobody waits for a drain.
   */
  MIRROR_THEN_SWITCH("mirror-then-switch", "MirrorThenSwitch");

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
