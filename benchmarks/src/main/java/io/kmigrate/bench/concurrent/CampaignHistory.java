package io.kmigrate.bench.concurrent;

import io.kmigrate.workflows.Campaign;
import io.kmigrate.workflows.campaign.WaveDecision;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.update.v1.Input;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.GlobalDataConverter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What Temporal recorded of a campaign: when it started and closed, and when each wave's approval
 * was accepted (by wave, from 1): the moment from which its units' first steps are timed.
 */
record CampaignHistory(Instant started, Instant closed, Map<Integer, Instant> waveApproved) {
  static CampaignHistory read(WorkflowClient client, String campaign) {
    List<HistoryEvent> events = client.fetchHistory(campaign).getHistory().getEventsList();
    Map<Integer, Instant> approved = new TreeMap<>();
    Instant closed = null;
    for (HistoryEvent e : events) {
      if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
        Input input = e.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest().getInput();
        if (input.getName().equals(Campaign.APPROVE_WAVE)) {
          WaveDecision d = GlobalDataConverter.get().fromPayloads(0, Optional.of(input.getArgs()), WaveDecision.class, WaveDecision.class);
          approved.put(d.wave(), MigrationHistory.instant(e.getEventTime()));
        }
      }
      if (MigrationHistory.CLOSING.contains(e.getEventType())) {
        closed = MigrationHistory.instant(e.getEventTime());
      }
    }
    return new CampaignHistory(MigrationHistory.instant(events.get(0).getEventTime()), closed, approved);
  }
}
