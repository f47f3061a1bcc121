package io.kmigrate.workflows;

import io.kmigrate.config.MigrationPlan;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Scheme 2, "migrate production later": new consumers start on the target beside the old ones,
 * producers move, and the old consumers stop once the source is drained. No consumer pause;
 * per-key order is not kept while both sides consume.
 */
@WorkflowInterface
public interface ProductionLaterMigration extends MigrationControl {
  @WorkflowMethod
  MigrationReport run(MigrationPlan plan);
}
