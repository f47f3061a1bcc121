package io.kmigrate.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One worker runs a wait for each of 100 migrations in flight and a step beside them: every
 * activity here holds its slot until all of them run at once, as waits hold theirs, so a worker
 * with fewer slots never gets them all started.
 */
class ActivitySlotsTest {
  static final int WAITS_IN_FLIGHT = 100;
  static final int AT_ONCE = WAITS_IN_FLIGHT + 1;
  static final CountDownLatch allStarted = new CountDownLatch(AT_ONCE);

  @ActivityInterface
  public interface Holding {
    /** @return true once every activity of the test runs at the same time */
    boolean holdUntilAllRun();
  }

  public static class HoldingImpl implements Holding {
    @Override
    public boolean holdUntilAllRun() {
      allStarted.countDown();
      try {
        return allStarted.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  @WorkflowInterface
  public interface Fan {
    @WorkflowMethod
    int run(int activities);
  }

  public static class FanImpl implements Fan {
    private final Holding holding = Workflow.newActivityStub(
        Holding.class, ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());

    @Override
    public int run(int activities) {
      List<Promise<Boolean>> all = new ArrayList<>();
      for (int i = 0; i < activities; i++) {
        all.add(Async.function(holding::holdUntilAllRun));
      }
      return (int) all.stream().filter(Promise::get).count();
    }
  }

  @Test
  @Timeout(60)
  void aStepRunsBesideAHundredWaits() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      var worker = env.newWorker("slots", KmigrateWorker.options(true));
      worker.registerWorkflowImplementationTypes(FanImpl.class);
      worker.registerActivitiesImplementations(new HoldingImpl());
      env.start();
      Fan fan = env.getWorkflowClient().newWorkflowStub(Fan.class, WorkflowOptions.newBuilder().setTaskQueue("slots").build());
      assertThat(fan.run(AT_ONCE)).as("activities that ran while all %d did", AT_ONCE).isEqualTo(AT_ONCE);
    }
  }
}
