package io.kmigrate.workflows;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.GateName;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.ConsumersMovedResult;
import io.kmigrate.workflows.contract.DrainResult;
import io.kmigrate.workflows.contract.PrepareReport;
import io.kmigrate.workflows.contract.ProducersMovedResult;
import java.util.List;

/** Scheme 2 step by step; each switch verified from the traffic, each irreversible step approved. */
public class ProductionLaterMigrationImpl extends MigrationWorkflowBase implements ProductionLaterMigration {
  @Override
  public MigrationReport run(MigrationPlan plan) {
    return execute(plan);
  }

  @Override
  MigrationReport migrate(Migration m) {
    MigrationPlan plan = m.plan();
    List<ClientGroup> producers = m.producers();
    List<ClientGroup> newConsumers = m.replacementConsumers();
    List<ClientGroup> oldConsumers = m.oldConsumers();
    m.preflight();
    PrepareReport prepared = m.prepareTarget();

    // The groups were seeded at the target's log start, so the new consumers miss nothing.
    m.repoint("start-new-consumers", newConsumers, plan.target());
    m.verifyConsumersJoined("verify-new-consumers-joined", plan.target());

    m.approveOrAbort(
        GateName.PRODUCER_CUTOVER,
        "new consumers " + Migration.names(newConsumers) + " wait on " + plan.target() + "; repoint producers "
            + Migration.names(producers) + " there?",
        "repoint the producers now",
        "abort the migration; the new consumers idle on the target, nothing else changed");

    m.repoint("repoint-producers", producers, plan.target());
    ProducersMovedResult moved = m.verifyProducersMoved();
    m.verifyConsumersConsuming("verify-target-consuming", plan.target());

    DrainResult drained = m.drainSource();

    m.untilApproved(
        GateName.STOP_OLD_CONSUMERS,
        "source drained; stop the old consumers " + Migration.names(oldConsumers) + " on " + plan.source() + "?",
        "stop them now");
    m.stop("stop-old-consumers", oldConsumers, plan.source());

    ConsumersMovedResult onTarget = m.verifyConsumersMoved();

    return completed(prepared, moved, drained, onTarget, null);
  }
}
