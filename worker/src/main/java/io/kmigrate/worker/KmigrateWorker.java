package io.kmigrate.worker;

import io.kmigrate.workflows.CampaignImpl;
import io.kmigrate.workflows.MigrationControl;
import io.kmigrate.workflows.MirrorThenSwitchImpl;
import io.kmigrate.workflows.ProductionFirstMigrationImpl;
import io.kmigrate.workflows.ProductionLaterMigrationImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Registers the migration workflows and every activity on task queue {@code kmigrate}. */
public final class KmigrateWorker implements AutoCloseable {
  /**
   * Activities one worker runs at once: every migration in flight holds one for its current wait
   * (a sleeping thread, for seconds to days) and needs another beside it for its short steps, or a
   * step queues behind other migrations' waits. Room for 100 waits and as many steps (BENCHMARKS.md,
   * "concurrent").
   */
  static final int ACTIVITY_SLOTS = 200;

  /**
   * Concurrent polls for workflow tasks (the SDK's default is 5, each poll bringing one task). A
   * gate decision needs several tasks in a row and many migrations in flight bring them in bursts,
   * beside the progress queries on the same queue (BENCHMARKS.md, "concurrent").
   */
  static final int WORKFLOW_TASK_POLLERS = 16;

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
    Worker worker = factory.newWorker(MigrationControl.TASK_QUEUE, options(sticky));
    worker.registerWorkflowImplementationTypes(
        ProductionFirstMigrationImpl.class, ProductionLaterMigrationImpl.class, MirrorThenSwitchImpl.class, CampaignImpl.class);
    worker.registerActivitiesImplementations(activities.all().toArray());
    factory.start();
    return new KmigrateWorker(factory);
  }

  static WorkerOptions options(boolean sticky) {
    WorkerOptions.Builder options = WorkerOptions.newBuilder();
    if (!sticky) {
      options.setStickyQueueScheduleToStartTimeout(Duration.ZERO); // zero: no sticky queue requested
    }
    return options
        .setMaxConcurrentActivityExecutionSize(ACTIVITY_SLOTS)
        .setMaxConcurrentWorkflowTaskPollers(WORKFLOW_TASK_POLLERS)
        // A wait learns it was cancelled (gate approved, abort) through its heartbeat:
        // send them often enough that it stops within seconds. They add no history events.
        .setDefaultHeartbeatThrottleInterval(Duration.ofSeconds(1))
        .setMaxHeartbeatThrottleInterval(Duration.ofSeconds(5))
        .build();
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }
}
