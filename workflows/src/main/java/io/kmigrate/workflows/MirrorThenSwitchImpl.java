package io.kmigrate.workflows;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.GateName;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.ConsumersMovedResult;
import io.kmigrate.workflows.contract.CopyVerification;
import io.kmigrate.workflows.contract.MirrorCaughtUp;
import io.kmigrate.workflows.contract.OffsetTranslation;
import io.kmigrate.workflows.contract.PrepareReport;
import io.kmigrate.workflows.contract.ProducersMovedResult;
import java.util.List;

/**
 * Scheme mirror-then-switch. Consumers move first, at the offsets MirrorMaker translated, while
 * the mirror keeps the target current; then producers are fenced (their route tells them to hold
 * their sends) until the mirror copied the source's last record, and resume on the target. The
 * fence keeps per-key order: without it a key's newest record written to the target could
 * overtake its predecessor still being mirrored.
 */
public class MirrorThenSwitchImpl extends MigrationWorkflowBase implements MirrorThenSwitch {
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

    MirrorPhases mirror = m.startMirror();
    MirrorCaughtUp keptUp = mirror.awaitKeepingUp("mirror-caught-up").orElse(null);

    m.approveOrAbort(
        GateName.CONSUMER_CUTOVER,
        "the mirror keeps up; stop consumers " + Migration.names(consumers) + " on " + plan.source()
            + " and start them on " + plan.target() + " at translated offsets?",
        "move the consumers now",
        "abort the migration; nothing client-facing has changed");
    OffsetTranslation translation = mirror.moveConsumersTranslated(consumers);
    m.verifyConsumersJoined("verify-consumers-joined", plan.target());

    m.approveOrAbort(
        GateName.PRODUCER_CUTOVER,
        "consumers work on " + plan.target() + "; fence producers " + Migration.names(producers)
            + " until the mirror copied their last records, then resume them on " + plan.target() + "?",
        "fence and move the producers now",
        "abort the migration; the consumers go back to " + plan.source());
    long fenceMs = mirror.moveProducersFenced(producers);

    ProducersMovedResult moved = m.verifyProducersMoved();
    MirrorCaughtUp drained = mirror.awaitDrained();
    mirror.stop();
    CopyVerification copy = mirror.verify(drained);
    ConsumersMovedResult onTarget = m.verifyConsumersMoved();
    return completed(prepared, moved, null, onTarget, new MirrorOutcome(mirror.connect(), keptUp, translation, copy, fenceMs));
  }
}
