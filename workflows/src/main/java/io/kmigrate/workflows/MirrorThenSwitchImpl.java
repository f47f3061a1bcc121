package io.kmigrate.workflows;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.GateName;
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
  public MigrationReport run(io.kmigrate.config.MigrationPlan plan) {
    return execute(plan, this::migrate);
  }

  private MigrationReport migrate() {
    List<ClientGroup> producers = plan.clientsWithRole(ClientRole.PRODUCER);
    List<ClientGroup> consumers = plan.clientsWithRole(ClientRole.CONSUMER);
    topics = phases.preflight();
    PrepareReport prepared = phases.prepareTarget(topics);

    mirror = MirrorPhases.of(plan, tracker, gates, phases, topics);
    mirror.start();
    MirrorCaughtUp keptUp = mirror.awaitKeepingUp("mirror-caught-up").orElse(null);

    phases.approveOrAbort(
        GateName.CONSUMER_CUTOVER,
        "the mirror keeps up; stop consumers " + SharedPhases.names(consumers) + " on " + plan.source()
            + " and start them on " + plan.target() + " at translated offsets?",
        "move the consumers now",
        "abort the migration; nothing client-facing has changed");
    OffsetTranslation translation = mirror.moveConsumersTranslated(phases, consumers);
    phases.verifyConsumersJoined("verify-consumers-joined", plan.target(), topics, false);

    phases.approveOrAbort(
        GateName.PRODUCER_CUTOVER,
        "consumers work on " + plan.target() + "; fence producers " + SharedPhases.names(producers)
            + " until the mirror copied their last records, then resume them on " + plan.target() + "?",
        "fence and move the producers now",
        "abort the migration; the consumers go back to " + plan.source());
    long fenceMs = mirror.moveProducersFenced(phases, producers);

    ProducersMovedResult moved = phases.verifyProducersMoved(topics);
    MirrorCaughtUp drained = mirror.awaitDrained();
    mirror.stop();
    CopyVerification copy = mirror.verify(drained);
    ConsumersMovedResult onTarget = phases.verifyConsumersMoved(topics, snapshot -> lastLag = snapshot);
    return completed(prepared, moved, null, onTarget, new MirrorOutcome(mirror.connect(), keptUp, translation, copy, fenceMs));
  }

}
