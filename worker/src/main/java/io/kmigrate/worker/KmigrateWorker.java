package io.kmigrate.worker;

import io.kmigrate.workflows.MigrationControl;
import io.kmigrate.workflows.MirrorThenSwitchImpl;
import io.kmigrate.workflows.ProductionFirstMigrationImpl;
import io.kmigrate.workflows.ProductionLaterMigrationImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;

/** Registers the migration workflows and every activity on task queue {@code kmigrate}. */
public final class KmigrateWorker implements AutoCloseable {
  private final WorkerFactory factory;

  private KmigrateWorker(WorkerFactory factory) {
    this.factory = factory;
  }

  public static KmigrateWorker start(WorkflowClient client, Activities activities) {
    return start(client, activities, true);
  }

  /**
   * @param sticky keep workflows cached and ask Temporal to send their next tasks to this worker's
   *     own queue. A real Temporal server moves those tasks back to the shared queue when the worker
   *     dies; Temporal's in-memory server never does, so a worker that may be killed while others
   *     carry on against it must run without (each task then replays the workflow's history).
   */
  public static KmigrateWorker start(WorkflowClient client, Activities activities, boolean sticky) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    WorkerOptions.Builder options = WorkerOptions.newBuilder();
    if (!sticky) {
      options.setStickyQueueScheduleToStartTimeout(java.time.Duration.ZERO); // zero: no sticky queue requested
    }
    Worker worker =
        factory.newWorker(
            MigrationControl.TASK_QUEUE,
            // Long waits hold an activity slot each; a handful of migrations at once is the norm.
            options
                .setMaxConcurrentActivityExecutionSize(50)
                // A wait learns it was cancelled (gate approved, abort) through its heartbeat:
                // send them often enough that it stops within seconds. They add no history events.
                .setDefaultHeartbeatThrottleInterval(java.time.Duration.ofSeconds(1))
                .setMaxHeartbeatThrottleInterval(java.time.Duration.ofSeconds(5))
                .build());
    worker.registerWorkflowImplementationTypes(
        ProductionFirstMigrationImpl.class, ProductionLaterMigrationImpl.class, MirrorThenSwitchImpl.class);
    worker.registerActivitiesImplementations(activities.all().toArray());
    factory.start();
    return new KmigrateWorker(factory);
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
