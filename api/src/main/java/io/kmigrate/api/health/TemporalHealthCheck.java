package io.kmigrate.api.health;

import com.codahale.metrics.health.HealthCheck;
import io.kmigrate.worker.TemporalConnection;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import java.util.concurrent.TimeUnit;

/** Healthy when Temporal answers for our namespace. */
public class TemporalHealthCheck extends HealthCheck {
  private final TemporalConnection temporal;

  public TemporalHealthCheck(TemporalConnection temporal) {
    this.temporal = temporal;
  }

  @Override
  protected Result check() {
    String ns = temporal.client().getOptions().getNamespace();
    temporal.service().blockingStub()
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(ns).build());
    return Result.healthy("namespace " + ns);
  }
}
