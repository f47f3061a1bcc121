package io.kmigrate.workflows;

import static io.kmigrate.workflows.WorkflowTime.now;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.GateName;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.ConsumersMovedResult;
import io.kmigrate.workflows.contract.DrainResult;
import io.kmigrate.workflows.contract.PrepareReport;
import io.kmigrate.workflows.contract.ProducersMovedResult;
import io.kmigrate.workflows.contract.RepointActivities;
import io.kmigrate.workflows.contract.RepointRequest;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.GateOutcome;
import io.kmigrate.workflows.gates.MigrationAbortedException;
import io.kmigrate.workflows.gates.OpenGate;
import java.util.List;

/** Scheme 1 step by step; each wait is verified from the traffic, each cutover approved. */
public class ProductionFirstMigrationImpl extends MigrationWorkflowBase implements ProductionFirstMigration {
  // Retried until it succeeds: a repoint that gives up after cutover would strand clients halfway.
  private final RepointActivities repoint = ActivityStubs.durable(RepointActivities.class);

  @Override
  public MigrationReport run(MigrationPlan plan) {
    return execute(plan, this::migrate);
  }

  private MigrationReport migrate() {
    SharedPhases phases = new SharedPhases(plan, tracker, gates);
    topics = phases.preflight();
    PrepareReport prepared = phases.prepareTarget(topics);

    approveOrAbort(
        GateName.PRODUCER_CUTOVER,
        "repoint producers " + names(ClientRole.PRODUCER) + " from " + plan.source() + " to " + plan.target() + "?",
        "repoint the producers now",
        "abort the migration; nothing client-facing has changed");
    gates.forbidAbort("producers already moved to " + plan.target() + "; rollback after cutover is not supported yet");

    repointAll(ClientRole.PRODUCER, plan.target(), "repoint-producers");
    ProducersMovedResult producers = phases.verifyProducersMoved(topics);

    DrainResult drained = phases.drainSource(topics, snapshot -> lastLag = snapshot);

    approveOrWait(
        GateName.CONSUMER_CUTOVER,
        "source drained; repoint consumers " + names(ClientRole.CONSUMER) + " to " + plan.target() + "?",
        "repoint the consumers now");
    repointAll(ClientRole.CONSUMER, plan.target(), "repoint-consumers");

    ConsumersMovedResult consumers = phases.verifyConsumersMoved(topics, snapshot -> lastLag = snapshot);

    return new MigrationReport(
        id(), plan.scheme().id(), STATUS_COMPLETED, topics, prepared, producers,
        drained == null ? null : drained.last(), consumers, tracker.steps(), gates.decisions());
  }

  private void approveOrAbort(String gate, String question, String approveMeans, String rejectMeans) {
    if (!plan.gates().forGate(gate).isRequired()) {
      return;
    }
    tracker.phase("gate:" + gate);
    GateOutcome outcome =
        gates.await(new OpenGate(gate, question, approveMeans, rejectMeans, now()), plan.gates().forGate(gate), () -> false);
    if (outcome == GateOutcome.REJECTED) {
      DecisionRecord no = gates.decisions().get(gates.decisions().size() - 1);
      String why = no.comment() == null || no.comment().isBlank() ? "" : ": " + no.comment();
      throw new MigrationAbortedException(new AbortRequest("gate " + gate + " rejected" + why, no.by()));
    }
    gates.throwIfAborted();
  }

  private void approveOrWait(String gate, String question, String approveMeans) {
    if (!plan.gates().forGate(gate).isRequired()) {
      return;
    }
    tracker.phase("gate:" + gate);
    while (gates.await(
            new OpenGate(gate, question, approveMeans, "not yet: the gate opens again", now()),
            plan.gates().forGate(gate),
            () -> false)
        == GateOutcome.REJECTED) {
      // a rejection here means "not now": producers already moved, so the only way is forward
    }
  }

  private void repointAll(ClientRole role, String cluster, String step) {
    tracker.step(
        step,
        () -> plan.clientsWithRole(role).stream()
            .map(c -> repoint.repoint(new RepointRequest(id(), c, cluster)))
            .toList(),
        results -> results.size() + " client group(s) now on " + cluster);
  }

  private String names(ClientRole role) {
    List<String> names = plan.clientsWithRole(role).stream().map(ClientGroup::name).toList();
    return String.join(", ", names);
  }
}
