package io.kmigrate.workflows;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.GateName;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.ConsumersMovedResult;
import io.kmigrate.workflows.contract.CopyVerification;
import io.kmigrate.workflows.contract.DrainResult;
import io.kmigrate.workflows.contract.MirrorCaughtUp;
import io.kmigrate.workflows.contract.OffsetTranslation;
import io.kmigrate.workflows.contract.PrepareReport;
import io.kmigrate.workflows.contract.ProducersMovedResult;
import java.util.List;

/**
 * Scheme 1 step by step; each wait is verified from the traffic, each cutover approved. With the
 * plan's mirror, MirrorMaker 2 first copies the stored messages; producers are then fenced until
 * the mirror copied their last records, and the consumers resume at translated offsets.
 */
public class ProductionFirstMigrationImpl extends MigrationWorkflowBase implements ProductionFirstMigration {
  @Override
  public MigrationReport run(MigrationPlan plan) {
    return execute(plan);
  }

  @Override
  MigrationReport migrate(Migration m) {
    MigrationPlan plan = m.plan();
    List<ClientGroup> producers = m.producers();
    List<ClientGroup> consumers = m.consumers();
    m.preflight();
    PrepareReport prepared = m.prepareTarget();
    MirrorPhases mirror = null;
    MirrorCaughtUp keptUp = null;
    if (plan.mirrors()) {
      mirror = m.startMirror();
      keptUp = mirror.awaitKeepingUp("mirror-caught-up").orElse(null);
    }

    m.approveOrAbort(
        GateName.PRODUCER_CUTOVER,
        "repoint producers " + Migration.names(producers) + " from " + plan.source() + " to " + plan.target() + "?",
        "repoint the producers now",
        "abort the migration; nothing client-facing has changed");

    long fenceMs = -1;
    if (mirror != null) {
      // The target holds the mirrored history: producers resume only after its last record.
      fenceMs = mirror.moveProducersFenced(producers);
    } else {
      m.repoint("repoint-producers", producers, plan.target());
    }
    ProducersMovedResult moved = m.verifyProducersMoved();
    CopyVerification copy = mirror == null ? null : mirror.verify(mirror.awaitDrained());

    DrainResult drained = m.drainSource();

    m.untilApproved(
        GateName.CONSUMER_CUTOVER,
        "source drained; repoint consumers " + Migration.names(consumers) + " to " + plan.target() + "?",
        "repoint the consumers now");
    OffsetTranslation translation = null;
    if (mirror != null) {
      // The target groups start where the source groups stopped, translated past the mirrored history.
      translation = mirror.moveConsumersTranslated(consumers);
      mirror.stop();
    } else {
      m.repoint("repoint-consumers", consumers, plan.target());
    }

    ConsumersMovedResult onTarget = m.verifyConsumersMoved();

    return completed(prepared, moved, drained, onTarget,
        mirror == null ? null : new MirrorOutcome(mirror.connect(), keptUp, translation, copy, fenceMs));
  }
}
