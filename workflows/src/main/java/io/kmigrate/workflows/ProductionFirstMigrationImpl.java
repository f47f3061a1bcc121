package io.kmigrate.workflows;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.GateName;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.ConsumersMovedResult;
import io.kmigrate.workflows.contract.CopyVerification;
import io.kmigrate.workflows.contract.DrainResult;
import io.kmigrate.workflows.contract.MirrorCaughtUp;
import io.kmigrate.workflows.contract.OffsetTranslation;
import io.kmigrate.workflows.contract.PrepareReport;
import io.kmigrate.workflows.contract.ProducersMovedResult;
import io.kmigrate.workflows.contract.RepointAction;
import java.util.List;

/**
 * Scheme 1 step by step; each wait is verified from the traffic, each cutover approved. With the
 * plan's mirror, MirrorMaker 2 first copies the stored messages; producers are then fenced until
 * the mirror copied their last records, and the consumers resume at translated offsets.
 */
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
    MirrorCaughtUp keptUp = null;
    if (plan.mirrors()) {
      mirror = MirrorPhases.of(plan, tracker, gates, phases, topics);
      mirror.start();
      keptUp = mirror.awaitKeepingUp("mirror-caught-up").orElse(null);
    }

    phases.approveOrAbort(
        GateName.PRODUCER_CUTOVER,
        "repoint producers " + SharedPhases.names(producers) + " from " + plan.source() + " to " + plan.target() + "?",
        "repoint the producers now",
        "abort the migration; nothing client-facing has changed");

    long fenceMs = -1;
    if (mirror != null) {
      // The target holds the mirrored history: producers resume only after its last record.
      fenceMs = mirror.moveProducersFenced(phases, producers);
    } else {
      phases.repoint("repoint-producers", producers, plan.target(), RepointAction.POINT);
    }
    ProducersMovedResult moved = phases.verifyProducersMoved(topics);
    CopyVerification copy = mirror == null ? null : mirror.verify(mirror.awaitDrained());

    DrainResult drained = phases.drainSource(topics, snapshot -> lastLag = snapshot);

    phases.approveOrWait(
        GateName.CONSUMER_CUTOVER,
        "source drained; repoint consumers " + SharedPhases.names(consumers) + " to " + plan.target() + "?",
        "repoint the consumers now");
    OffsetTranslation translation = null;
    if (mirror != null) {
      // The target groups start where the source groups stopped, translated past the mirrored history.
      translation = mirror.moveConsumersTranslated(phases, consumers);
      mirror.stop();
    } else {
      phases.repoint("repoint-consumers", consumers, plan.target(), RepointAction.POINT);
    }

    ConsumersMovedResult onTarget = phases.verifyConsumersMoved(topics, snapshot -> lastLag = snapshot);

    return completed(prepared, moved, drained, onTarget,
        mirror == null ? null : new MirrorOutcome(mirror.connect(), keptUp, translation, copy, fenceMs));
  }
}
