package io.kmigrate.workflows;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.GateName;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.ConsumersMovedResult;
import io.kmigrate.workflows.contract.DrainResult;
import io.kmigrate.workflows.contract.PrepareReport;
import io.kmigrate.workflows.contract.ProducersMovedResult;
import io.kmigrate.workflows.contract.RepointAction;
import java.util.List;

/** Scheme 1 step by step; each wait is verified from the traffic, each cutover approved. */
public class ProductionFirstMigrationImpl extends MigrationWorkflowBase implements ProductionFirstMigration {
  @Override
  public MigrationReport run(MigrationPlan plan) {
    return execute(plan, this::migrate);
  }

  private MigrationReport migrate() {
    List<ClientGroup> producers = plan.clientsWithRole(ClientRole.PRODUCER);
    List<ClientGroup> consumers = plan.clientsWithRole(ClientRole.CONSUMER);
    topics = phases.preflight();
    PrepareReport prepared = phases.prepareTarget(topics);

    phases.approveOrAbort(
        GateName.PRODUCER_CUTOVER,
        "repoint producers " + SharedPhases.names(producers) + " from " + plan.source() + " to " + plan.target() + "?",
        "repoint the producers now",
        "abort the migration; nothing client-facing has changed");

    phases.repoint("repoint-producers", producers, plan.target(), RepointAction.POINT);
    ProducersMovedResult moved = phases.verifyProducersMoved(topics);

    DrainResult drained = phases.drainSource(topics, snapshot -> lastLag = snapshot);

    phases.approveOrWait(
        GateName.CONSUMER_CUTOVER,
        "source drained; repoint consumers " + SharedPhases.names(consumers) + " to " + plan.target() + "?",
        "repoint the consumers now");
    phases.repoint("repoint-consumers", consumers, plan.target(), RepointAction.POINT);

    ConsumersMovedResult onTarget = phases.verifyConsumersMoved(topics, snapshot -> lastLag = snapshot);

    return completed(prepared, moved, drained, onTarget);
  }
}
