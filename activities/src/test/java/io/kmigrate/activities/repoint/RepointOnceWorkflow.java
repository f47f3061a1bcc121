package io.kmigrate.activities.repoint;

import io.kmigrate.workflows.contract.RepointActivities;
import io.kmigrate.workflows.contract.RepointRequest;
import io.kmigrate.workflows.contract.RepointResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** A test workflow that runs one repoint with retries, as a migration step does. */
@WorkflowInterface
public interface RepointOnceWorkflow {
  @WorkflowMethod
  RepointResult repoint(RepointRequest request);

  /** Quick retries so a test sees several attempts in well under a second. */
  class Impl implements RepointOnceWorkflow {
    private final RepointActivities activities = Workflow.newActivityStub(RepointActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(10))
        .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(50)).setMaximumAttempts(5).build())
        .build());

    @Override
    public RepointResult repoint(RepointRequest request) {
      return activities.repoint(request);
    }
  }
}
