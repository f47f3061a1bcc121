package io.kmigrate.workflows;

import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.PrepareReport;
import io.kmigrate.workflows.contract.TargetActivities;
import java.util.List;

/** Creates every topic and seeds every group, on paper. */
final class FakeTarget implements TargetActivities {
  private final CallLog log;

  FakeTarget(CallLog log) {
    this.log = log;
  }

  @Override
  public PrepareReport prepareTarget(MigrationPlan plan, List<String> topics) {
    log.add("prepare-target");
    return new PrepareReport(topics, List.of(), plan.consumerGroups());
  }
}
