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
  /**
   * Activities one worker runs at once. Every migration in flight holds one for its current wait
   * (verify producers, drain, verify consumers: a sleeping thread each, for seconds to days); its
   * short steps (audit write, repoint, preflight) need one beside it. With fewer slots than waits
   * a step queues behind other migrations' waits: at 50 slots, with 100 migrations in flight
   * (`bench concurrent`) the p99 from a gate's approval to the next step was 35.5 s. Room for 100
   * waits and as many steps at once.
   */
  static final int ACTIVITY_SLOTS = 200;

  /**
   * Concurrent polls for workflow tasks (the SDK's default is 5, shared between the sticky and the
   * normal queue; each poll brings one task). A gate decision needs several tasks in a row (the
   * update, the audit write's completion, the step's scheduling), and a hundred migrations in
   * flight bring them in bursts, with a progress query per migration view on the same queue: at 5,
   * the task after the audit write waited up to 3.2 s (p99) for a poll; at 16, 56 ms (`bench
   * concurrent`, 100 migrations on 2 cores).
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
        ProductionFirstMigrationImpl.class, ProductionLaterMigrationImpl.class, MirrorThenSwitchImpl.class);
    worker.registerActivitiesImplementations(activities.all().toArray());
    factory.start();
    return new KmigrateWorker(factory);
  }

  static WorkerOptions options(boolean sticky) {
    WorkerOptions.Builder options = WorkerOptions.newBuilder();
    if (!sticky) {
      options.setStickyQueueScheduleToStartTimeout(java.time.Duration.ZERO); // zero: no sticky queue requested
    }
    return options
        .setMaxConcurrentActivityExecutionSize(ACTIVITY_SLOTS)
        .setMaxConcurrentWorkflowTaskPollers(WORKFLOW_TASK_POLLERS)
        // A wait learns it was cancelled (gate approved, abort) through its heartbeat:
        // send them often enough that it stops within seconds. They add no history events.
        .setDefaultHeartbeatThrottleInterval(java.time.Duration.ofSeconds(1))
        .setMaxHeartbeatThrottleInterval(java.time.Duration.ofSeconds(5))
        .build();
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
