package io.kmigrate.workflows;

import io.temporal.workflow.Workflow;
import java.time.Instant;

/** Workflow time as ISO-8601 text: deterministic, the same on every replay. */
public final class WorkflowTime {
  private WorkflowTime() {}

  public static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
