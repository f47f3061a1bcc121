package io.kmigrate.bench.history;

import io.kmigrate.workflows.contract.TrafficActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/** Polls {@code lagSnapshot} every {@code pollMillis} until the lag is 0, as a first attempt would. */
public class NaiveDrainImpl implements NaiveDrain {
  private final TrafficActivities traffic =
      Workflow.newActivityStub(
          TrafficActivities.class, ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(2)).build());

  @Override
  public long drain(String cluster, List<String> topics, List<String> groups, long pollMillis) {
    long polls = 0;
    while (true) {
      polls++;
      if (traffic.lagSnapshot(cluster, topics, groups).totalLag() == 0) {
        return polls;
      }
      Workflow.sleep(Duration.ofMillis(pollMillis));
    }
  }
}
