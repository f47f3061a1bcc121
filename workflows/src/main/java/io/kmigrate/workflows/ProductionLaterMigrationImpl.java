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

/** Scheme 2 step by step; each switch verified from the traffic, each irreversible step approved. */
public class ProductionLaterMigrationImpl extends MigrationWorkflowBase implements ProductionLaterMigration {
  @Override
  public MigrationReport run(MigrationPlan plan) {
    return execute(plan, this::migrate);
  }

  private MigrationReport migrate() {
    List<ClientGroup> producers = plan.clientsWithRole(ClientRole.PRODUCER);
    List<ClientGroup> newConsumers = plan.clientsWithRole(ClientRole.CONSUMER).stream().filter(ClientGroup::isReplacement).toList();
    List<ClientGroup> oldConsumers = plan.clientsWithRole(ClientRole.CONSUMER).stream().filter(c -> !c.isReplacement()).toList();
    topics = phases.preflight();
    PrepareReport prepared = phases.prepareTarget(topics);

    // The groups were seeded at the target's log start, so the new consumers miss nothing.
    phases.repoint("start-new-consumers", newConsumers, plan.target(), RepointAction.POINT);
    phases.verifyConsumersJoined("verify-new-consumers-joined", plan.target(), topics, false);

    phases.approveOrAbort(
        GateName.PRODUCER_CUTOVER,
        "new consumers " + SharedPhases.names(newConsumers) + " wait on " + plan.target() + "; repoint producers "
            + SharedPhases.names(producers) + " there?",
        "repoint the producers now",
        "abort the migration; the new consumers idle on the target, nothing else changed");

    phases.repoint("repoint-producers", producers, plan.target(), RepointAction.POINT);
    ProducersMovedResult moved = phases.verifyProducersMoved(topics);
    phases.verifyConsumersJoined("verify-target-consuming", plan.target(), topics, true);

    DrainResult drained = phases.drainSource(topics, snapshot -> lastLag = snapshot);

    phases.approveOrWait(
        GateName.STOP_OLD_CONSUMERS,
        "source drained; stop the old consumers " + SharedPhases.names(oldConsumers) + " on " + plan.source() + "?",
        "stop them now");
    phases.repoint("stop-old-consumers", oldConsumers, plan.source(), RepointAction.STOP);

    ConsumersMovedResult onTarget = phases.verifyConsumersMoved(topics, snapshot -> lastLag = snapshot);

    return completed(prepared, moved, drained, onTarget);
  }
}
