package io.kmigrate.bench.concurrent;

import com.google.protobuf.Timestamp;
import io.kmigrate.workflows.MigrationControl;
import io.kmigrate.workflows.gates.GateDecision;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.update.v1.Input;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.GlobalDataConverter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What Temporal recorded of one migration: when it started and closed (and why it failed), each
 * activity's way through the worker, and for each approval (an accepted {@code approve} update)
 * the first activity of the step it let run, and the audit write that records it. The workflow
 * starts that write beside the step (a workflow before that change waited for it first, and then
 * it is on the way to the step).
 */
record MigrationHistory(
    String migration, Instant started, Instant closed, String failure, List<MigrationHistory.ActivityRun> activities,
    List<MigrationHistory.GateToStep> decisions) {
  /** The activity that records a decision in the audit log, not a step of its own. */
  private static final String AUDIT_ACTIVITY = "Audit";
  /** The events that close a workflow execution. */
  static final Set<EventType> CLOSING = Set.of(
      EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
      EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
      EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);

  /**
   * One activity: scheduled (the workflow asked for it), started (a worker slot took its last
   * attempt; Temporal stamps the poll, not the completion) and closed; null while it was not.
   */
  record ActivityRun(
      long scheduledEventId, String type, Instant scheduled, Instant started, int attempt, Instant closed, MigrationHistory.WorkflowTask scheduledBy) {
    long waitedForSlotMs() {
      return Duration.between(scheduled, started).toMillis();
    }

    long ranMs() {
      return Duration.between(started, closed).toMillis();
    }
  }

  /** The workflow task whose completion scheduled an activity: scheduled, taken by a worker's poller, completed. */
  record WorkflowTask(Instant scheduled, Instant started, Instant completed) {
    long waitedForPollerMs() {
      return Duration.between(scheduled, started).toMillis();
    }

    long ranMs() {
      return Duration.between(started, completed).toMillis();
    }
  }

  /**
   * One decision: the update accepted (the workflow took it), the audit write that records it
   * (null if none ran) and the next step's first activity.
   */
  record GateToStep(String migration, String gate, Instant accepted, ActivityRun audit, ActivityRun step) {
    /** The step waited for the audit write: it was scheduled only after the write was. */
    boolean auditOnTheWay() {
      return audit != null && audit.scheduledEventId() < step.scheduledEventId();
    }

    long toStartedMs() {
      return Duration.between(accepted, step.started()).toMillis();
    }

    long toScheduledMs() {
      return Duration.between(accepted, step.scheduled()).toMillis();
    }
  }

  static MigrationHistory read(WorkflowClient client, String migration) {
    List<HistoryEvent> events = client.fetchHistory(migration).getHistory().getEventsList();
    Map<Long, ActivityRun> activities = new LinkedHashMap<>();
    Map<Long, Instant> taskScheduled = new HashMap<>();
    Map<Long, Instant> taskStarted = new HashMap<>();
    WorkflowTask lastTask = null; // its commands (activities scheduled) follow its completion
    Instant closed = null;
    String failure = null;
    for (HistoryEvent e : events) {
      Instant at = instant(e.getEventTime());
      switch (e.getEventType()) {
        case EVENT_TYPE_WORKFLOW_TASK_SCHEDULED -> taskScheduled.put(e.getEventId(), at);
        case EVENT_TYPE_WORKFLOW_TASK_STARTED -> taskStarted.put(e.getWorkflowTaskStartedEventAttributes().getScheduledEventId(), at);
        case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> {
          var c = e.getWorkflowTaskCompletedEventAttributes();
          lastTask = new WorkflowTask(taskScheduled.get(c.getScheduledEventId()), taskStarted.get(c.getScheduledEventId()), at);
        }
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> activities.put(e.getEventId(), new ActivityRun(
            e.getEventId(), e.getActivityTaskScheduledEventAttributes().getActivityType().getName(), at, null, 0, null,
            lastTask));
        case EVENT_TYPE_ACTIVITY_TASK_STARTED -> activities.computeIfPresent(e.getActivityTaskStartedEventAttributes().getScheduledEventId(),
            (id, a) -> new ActivityRun(id, a.type(), a.scheduled(), at, e.getActivityTaskStartedEventAttributes().getAttempt(), null, a.scheduledBy()));
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> close(activities, e.getActivityTaskCompletedEventAttributes().getScheduledEventId(), at);
        case EVENT_TYPE_ACTIVITY_TASK_FAILED -> close(activities, e.getActivityTaskFailedEventAttributes().getScheduledEventId(), at);
        case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> close(activities, e.getActivityTaskTimedOutEventAttributes().getScheduledEventId(), at);
        case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> close(activities, e.getActivityTaskCanceledEventAttributes().getScheduledEventId(), at);
        case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> failure = rootMessage(e.getWorkflowExecutionFailedEventAttributes().getFailure());
        default -> { }
      }
      if (CLOSING.contains(e.getEventType())) {
        closed = at;
      }
    }
    List<ActivityRun> runs = List.copyOf(activities.values());
    return new MigrationHistory(migration, instant(events.get(0).getEventTime()), closed, failure, runs, decisions(migration, events, runs));
  }

  private static List<GateToStep> decisions(String migration, List<HistoryEvent> events, List<ActivityRun> runs) {
    List<GateToStep> decisions = new ArrayList<>();
    for (HistoryEvent e : events) {
      if (e.getEventType() != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
        continue;
      }
      Input input = e.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest().getInput();
      if (!input.getName().equals(MigrationControl.APPROVE)) {
        continue;
      }
      String gate = GlobalDataConverter.get().fromPayloads(0, Optional.of(input.getArgs()), GateDecision.class, GateDecision.class).gate();
      Optional<ActivityRun> step = runs.stream()
          .filter(a -> a.scheduledEventId() > e.getEventId() && !a.type().equals(AUDIT_ACTIVITY))
          .findFirst()
          .filter(a -> a.started() != null);
      // Its audit write: scheduled before the step (the workflow waited for it) or with it, by the same workflow task.
      ActivityRun audit = runs.stream()
          .filter(a -> a.scheduledEventId() > e.getEventId() && a.type().equals(AUDIT_ACTIVITY) && a.closed() != null)
          .filter(a -> step.isEmpty() || a.scheduledEventId() < step.get().scheduledEventId()
              || Objects.equals(a.scheduledBy(), step.get().scheduledBy()))
          .findFirst().orElse(null);
      step.ifPresent(s -> decisions.add(new GateToStep(migration, gate, instant(e.getEventTime()), audit, s)));
    }
    return decisions;
  }

  private static void close(Map<Long, ActivityRun> activities, long scheduledEventId, Instant at) {
    activities.computeIfPresent(scheduledEventId, (id, a) -> new ActivityRun(id, a.type(), a.scheduled(), a.started(), a.attempt(), at, a.scheduledBy()));
  }

  private static String rootMessage(Failure f) {
    return f.hasCause() ? f.getMessage() + ": " + rootMessage(f.getCause()) : f.getMessage();
  }

  static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
