package io.kmigrate.workflows.campaign;

import io.kmigrate.config.FailurePolicy;
import io.kmigrate.workflows.gates.DecisionRecord;
import java.util.List;

/**
 * The answer to a campaign's {@code progress} query: its status, the wave whose gate is open (from
 * 1; null when none is) and since when, every wave's units, and every decision taken.
 */
public record CampaignProgress(String campaign, CampaignStatus status, FailurePolicy onFailure, Integer openWave, String waveOpenedAt,
    List<List<UnitState>> waves, List<DecisionRecord> decisions) {}
