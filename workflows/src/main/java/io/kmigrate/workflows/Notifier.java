package io.kmigrate.workflows;

import static io.kmigrate.workflows.WorkflowTime.now;

import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.Notification;
import io.kmigrate.workflows.contract.NotificationActivities;
import io.kmigrate.workflows.contract.NotificationEvent;
import io.kmigrate.workflows.gates.OpenGate;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A person is told, not expected to look: when a gate opens, when its timeout reminds, and when
 * the migration ends, each of the worker's notification destinations gets word. Deliveries run
 * beside the migration and are retried on their own; one that keeps failing gives up, and none
 * ever holds or fails the migration (only its end waits for them, at most {@link #END_WAIT}).
 * Nothing is sent until preflight says how many destinations the worker has, so a history
 * recorded before notifications existed replays without them.
 */
final class Notifier {
  /** How long the migration's end waits for its last notifications to be delivered. */
  static final Duration END_WAIT = Duration.ofSeconds(30);
  /** Deliveries kept for the end's wait; older ones were long retried. */
  static final int KEPT = 20;

  private final MigrationPlan plan;
  private final long startedAt = Workflow.currentTimeMillis();
  private final List<Promise<Void>> pending = new ArrayList<>();
  private int destinations;
  private String lastOpened;

  Notifier(MigrationPlan plan) {
    this.plan = plan;
  }

  void destinations(int count) {
    this.destinations = count;
  }

  /** Word that {@code gate} opened, once per opening. */
  void gateOpened(OpenGate gate) {
    String opening = gate.name() + "@" + gate.openedAt();
    if (opening.equals(lastOpened)) {
      return;
    }
    lastOpened = opening;
    send(NotificationEvent.GATE_OPENED, gate, null, opening);
  }

  void reminded(OpenGate gate, String at) {
    if (gate != null) {
      send(NotificationEvent.GATE_REMINDER, gate, null, gate.name() + "@" + gate.openedAt() + "-reminder@" + at);
    }
  }

  /** Word of the migration's end; waits up to {@link #END_WAIT} for every delivery still running. */
  void ended(String outcome) {
    if (destinations == 0) {
      return;
    }
    send(NotificationEvent.MIGRATION_ENDED, null, outcome, "ended");
    Workflow.await(END_WAIT, () -> pending.stream().allMatch(Promise::isCompleted));
  }

  private void send(NotificationEvent event, OpenGate gate, String outcome, String keySuffix) {
    if (destinations == 0) {
      return;
    }
    String id = Workflow.getInfo().getWorkflowId();
    Notification n = new Notification(event, id, plan.scheme().id(), plan.source(), plan.target(),
        gate == null ? null : gate.name(), gate == null ? null : gate.question(), gate == null ? null : gate.approveMeans(),
        gate == null ? null : gate.rejectMeans(), outcome, Workflow.currentTimeMillis() - startedAt, now(), id + "-" + keySuffix);
    NotificationActivities stub = Workflow.newActivityStub(NotificationActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(2)).setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofMinutes(1)).setMaximumAttempts(10).build())
        .setSummary("notify: " + event.id() + (gate == null ? "" : " " + gate.name()))
        .build());
    pending.removeIf(Promise::isCompleted);
    for (int i = 0; i < destinations; i++) {
      int destination = i;
      Promise<Void> delivery = Async.procedure(stub::notify, destination, n);
      if (pending.size() < KEPT) {
        pending.add(delivery);
      }
    }
  }
}
