package io.kmigrate.workflows;

import io.kmigrate.config.MigrationPlan;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Mirror the topics with MirrorMaker 2, move consumers to the target at translated offsets while
 * the mirror keeps it current, then fence the producers until the mirror copied the source's
 * last records and resume them on the target: per-key order kept, no drain wait.
 */
@WorkflowInterface
public interface MirrorThenSwitch extends MigrationControl {
  @WorkflowMethod
  MigrationReport run(MigrationPlan plan);
}
