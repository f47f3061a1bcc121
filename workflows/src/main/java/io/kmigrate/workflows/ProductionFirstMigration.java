package io.kmigrate.workflows;

import io.kmigrate.config.MigrationPlan;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Scheme 1, "migrate production first": producers move to the target, the consumers drain
 * what is left on the source, then the consumers move. Keeps per-key order; consumers see the
 * target's messages only after the drain (latency, not loss).
 */
@WorkflowInterface
public interface ProductionFirstMigration extends MigrationControl {
  @WorkflowMethod
  MigrationReport run(MigrationPlan plan);
}
