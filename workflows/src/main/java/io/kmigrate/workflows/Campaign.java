package io.kmigrate.workflows;

import io.kmigrate.config.CampaignPlan;
import io.kmigrate.workflows.campaign.CampaignProgress;
import io.kmigrate.workflows.campaign.WaveDecision;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Many migrations as one campaign: each unit is a child workflow of its scheme's type (id: the
 * plan's name), started wave by wave, each wave once a person approved it. A unit's own gates work
 * as for any migration; the campaign only waits for its units to end.
 */
@WorkflowInterface
public interface Campaign {
  String TYPE = "Campaign";
  String APPROVE_WAVE = "approveWave";
  String STOP_AT_WAVE = "stopAtWave";
  String ABORT = "abortCampaign";
  String PROGRESS = "campaignProgress";

  @WorkflowMethod(name = TYPE)
  CampaignProgress run(CampaignPlan plan);

  /** Starts the open wave's units but those in {@code skip}. */
  @UpdateMethod(name = APPROVE_WAVE)
  DecisionRecord approveWave(WaveDecision decision);

  @UpdateValidatorMethod(updateName = APPROVE_WAVE)
  void validateApproveWave(WaveDecision decision);

  /** Ends the campaign at the open wave: it and the waves after it never start. */
  @UpdateMethod(name = STOP_AT_WAVE)
  DecisionRecord stopAtWave(WaveDecision decision);

  @UpdateValidatorMethod(updateName = STOP_AT_WAVE)
  void validateStopAtWave(WaveDecision decision);

  /** Aborts the running units (each rolls back as an aborted migration does) and starts no further wave. */
  @UpdateMethod(name = ABORT)
  String abort(AbortRequest request);

  @UpdateValidatorMethod(updateName = ABORT)
  void validateAbort(AbortRequest request);

  @QueryMethod(name = PROGRESS)
  CampaignProgress progress();
}
