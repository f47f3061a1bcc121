package io.kmigrate.workflows.contract;

import io.kmigrate.config.MigrationPlan;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Makes the target ready: topics with the source's settings, groups seeded at the log start. */
@ActivityInterface
public interface TargetActivities {
  /**
   * Idempotent. A topic that exists on the target with other settings fails non-retryably
   * ({@code TopicMismatch}) with the differences.
   */
  PrepareReport prepareTarget(MigrationPlan plan, List<String> topics);
}
