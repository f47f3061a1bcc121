package io.kmigrate.workflows.contract;

import io.kmigrate.config.MigrationPlan;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Checks both clusters before anything changes; a dry run of a plan is this alone. */
@ActivityInterface
public interface PreflightActivities {
  /** Never throws for a problem with the clusters: each one is a finding. */
  PreflightReport preflight(MigrationPlan plan);

  /** The plan's principals that have no SCRAM credential on the target now (a recheck at gate principals-missing). */
  List<String> missingPrincipals(MigrationPlan plan);
}
