package io.kmigrate.workflows.contract;

import io.kmigrate.config.MigrationPlan;
import io.temporal.activity.ActivityInterface;

/** Checks both clusters before anything changes; a dry run of a plan is this alone. */
@ActivityInterface
public interface PreflightActivities {
  /** Never throws for a problem with the clusters: each one is a finding. */
  PreflightReport preflight(MigrationPlan plan);
}
