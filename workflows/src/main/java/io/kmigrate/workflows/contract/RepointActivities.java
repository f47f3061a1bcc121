package io.kmigrate.workflows.contract;

import io.temporal.activity.ActivityInterface;

/** Repoints a client group with the strategy its plan names. */
@ActivityInterface
public interface RepointActivities {
  /** Idempotent: repointing to where a client already points changes nothing. */
  RepointResult repoint(RepointRequest request);
}
