package io.kmigrate.api.migrations;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kmigrate.api.ErrorIds;
import io.kmigrate.config.InputLimits;
import io.kmigrate.config.InputLimits.Field;
import io.kmigrate.config.PlanProblem;
import io.kmigrate.worker.TemporalConnection;
import io.kmigrate.workflows.Campaign;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a Temporal update to a migration or campaign workflow and turns the answers into the API's:
 * a validator's IllegalArgumentException is a 400, any other refusal a 409 with the workflow's
 * message, a workflow that has closed the caller's own 409, no answer a 503.
 */
final class WorkflowUpdates {
  private static final Logger log = LoggerFactory.getLogger(WorkflowUpdates.class);

  private final TemporalConnection temporal;
  private final Function<String, MigrationException> notRunning;

  /** @param notRunning the refusal for an id whose workflow is not running any more */
  WorkflowUpdates(TemporalConnection temporal, Function<String, MigrationException> notRunning) {
    this.temporal = temporal;
    this.notRunning = notRunning;
  }

  /**
   * The workflow {@code id}'s description, when it is of the kind this service steers ({@code kind}
   * holds for its type name); otherwise a 404 saying what {@code id} is instead.
   */
  DescribeWorkflowExecutionResponse describe(String id, Predicate<String> kind, String noun) {
    DescribeWorkflowExecutionResponse described;
    try {
      described = temporal.service().blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
          .setNamespace(temporal.client().getOptions().getNamespace())
          .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
          .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new MigrationException.Unknown("no " + noun + " '" + id + "'");
      }
      throw unavailable("Temporal did not answer: try again shortly", e);
    }
    String type = described.getWorkflowExecutionInfo().getType().getName();
    if (!kind.test(type)) {
      throw new MigrationException.Unknown("no " + noun + " '" + id + "': '" + id + "' is a " + (type.equals(Campaign.TYPE) ? "campaign" : "migration"));
    }
    return described;
  }

  <T> T update(String id, String name, Class<T> type, Object arg) {
    try {
      return temporal.client().newUntypedWorkflowStub(id).update(name, type, arg);
    } catch (WorkflowUpdateException e) {
      Throwable cause = e.getCause();
      String message = cause instanceof ApplicationFailure af ? af.getOriginalMessage() : String.valueOf(cause);
      if (cause instanceof ApplicationFailure af && af.getType().endsWith("IllegalArgumentException")) {
        throw new MigrationException.BadInput(message);
      }
      throw new MigrationException.Refused(message);
    } catch (WorkflowNotFoundException e) {
      throw notRunning.apply(id);
    } catch (WorkflowServiceException e) {
      if (e.getCause() instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw notRunning.apply(id);
      }
      throw unavailable("Temporal did not take the decision: no worker answered in time, try again", e);
    }
  }

  /**
   * A 400 naming the first value over its limit, with the limit: the same limits the workflow's
   * validators apply and the audit log's columns hold.
   */
  static void refuseOverLimits(Field... fields) {
    InputLimits.firstProblem(fields).ifPresent(p -> {
      String field = p.substring(0, p.indexOf(':'));
      throw new MigrationException.BadInput(p, List.of(new PlanProblem(field, p.substring(field.length() + 2))));
    });
  }

  /**
   * A 503 whose answer says what could not be done, never Temporal's own status text (it names
   * hosts and internals); the log carries the cause under the error id the answer gives.
   */
  static MigrationException unavailable(String message, Throwable cause) {
    String id = ErrorIds.next();
    log.warn("error id {}: {}", id, message, cause);
    return new MigrationException.Unavailable(message + " (error id " + id + ")");
  }
}
