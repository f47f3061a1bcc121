package io.kmigrate.workflows;

import static io.kmigrate.workflows.WorkflowTime.now;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.GateName;
import io.kmigrate.config.RepointStrategy;
import io.kmigrate.workflows.contract.RepointAction;
import io.kmigrate.workflows.contract.RepointActivities;
import io.kmigrate.workflows.contract.RepointRequest;
import io.kmigrate.workflows.contract.RepointResult;
import io.kmigrate.workflows.gates.GateKeeper;
import io.kmigrate.workflows.gates.OpenGate;
import io.kmigrate.workflows.progress.ProgressTracker;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Repoints client groups, one step at a time, and keeps the ledger of every move made, which an
 * abort undoes (see {@link Rollback}). A manual client opens a gate with the instructions, closed
 * by the person who did it.
 */
final class Repointing {
  private final ProgressTracker tracker;
  private final GateKeeper gates;
  private final Approvals approvals;
  // Retried until it succeeds: a repoint that gives up after cutover would strand clients halfway.
  private final RepointActivities repoint = ActivityStubs.durable(RepointActivities.class);
  private final List<ClientMove> moves = new ArrayList<>();
  private String inFlight;

  Repointing(ProgressTracker tracker, GateKeeper gates, Approvals approvals) {
    this.tracker = tracker;
    this.gates = gates;
    this.approvals = approvals;
  }

  /**
   * Points each client group at {@code cluster}, or tells it to stop there, in order, as one step;
   * the first failure stops the step, so nothing after it is repointed.
   */
  void repoint(String step, List<ClientGroup> clients, String cluster, RepointAction action) {
    tracker.step(
        step,
        () -> clients.stream().map(c -> {
          gates.throwIfAborted();
          long started = MigrationMetrics.mark();
          // An abort arriving now cannot stop this call (it may already have reached the client):
          // it completes, is recorded as a move, and the rollback undoes it.
          inFlight = c.name() + (action == RepointAction.STOP ? " (stop on " : " (to ") + cluster + ")";
          RepointResult r = ActivityStubs.durable(RepointActivities.class, "repoint " + c.name() + ": " + action + " " + cluster)
              .repoint(new RepointRequest(migrationId(), c, cluster, action));
          moves.add(new ClientMove(c, cluster, action));
          inFlight = null;
          if (c.strategy() == RepointStrategy.MANUAL) {
            awaitManualRepoint(c, r, action);
          }
          MigrationMetrics.repointed(c, started);
          return r;
        }).toList(),
        results -> results.size() + " client group(s) " + (action == RepointAction.STOP ? "told to stop on " : "now on ") + cluster);
  }

  private void awaitManualRepoint(ClientGroup client, RepointResult where, RepointAction action) {
    String instructions = action == RepointAction.STOP
        ? "stop the " + client.role().id() + "s of " + client.name() + " on " + where.cluster()
        : "restart the " + client.role().id() + "s of " + client.name() + " with bootstrap.servers=" + where.bootstrapServers()
            + " (cluster " + where.cluster() + ")";
    approvals.untilApproved(
        new OpenGate(GateName.MANUAL_REPOINT, instructions, "done: verify it from traffic", "not yet: the gate opens again", now()));
  }

  /** One repoint outside the ledger: undoing a move during a rollback. */
  void undo(ClientGroup client, String cluster, RepointAction action) {
    repoint.repoint(new RepointRequest(migrationId(), client, cluster, action));
  }

  /** True once any client was repointed or is being repointed: from then on an abort must undo something. */
  boolean clientsMoved() {
    return !moves.isEmpty() || inFlight != null;
  }

  /** The client group whose repoint is running now, with where it goes; null between repoints. */
  String inFlight() {
    return inFlight;
  }

  /** Every move made so far, oldest first. */
  List<ClientMove> moves() {
    return List.copyOf(moves);
  }

  private static String migrationId() {
    return Workflow.getInfo().getWorkflowId();
  }
}
