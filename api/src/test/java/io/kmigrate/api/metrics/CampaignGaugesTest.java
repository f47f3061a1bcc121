package io.kmigrate.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.config.FailurePolicy;
import io.kmigrate.workflows.campaign.CampaignProgress;
import io.kmigrate.workflows.campaign.CampaignStatus;
import io.kmigrate.workflows.campaign.UnitState;
import io.kmigrate.workflows.campaign.UnitStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-campaign gauges, from each campaign's progress as its query answers it. */
class CampaignGaugesTest {
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final List<String> listed = new ArrayList<>();
  final Map<String, CampaignProgress> answers = new HashMap<>();
  final List<String> queried = new ArrayList<>();
  final CampaignGauges gauges = new CampaignGauges(registry, () -> listed, id -> {
    queried.add(id);
    CampaignProgress p = answers.get(id);
    if (p == null) {
      throw new IllegalStateException("no worker answered");
    }
    return p;
  }, Duration.ofSeconds(15));

  static UnitState unit(String name, UnitStatus status) {
    return new UnitState(name, "production-first", status, null);
  }

  static CampaignProgress progress(String id, CampaignStatus status, Integer openWave, List<List<UnitState>> waves) {
    return new CampaignProgress(id, status, FailurePolicy.STOP, openWave, null, waves, List.of());
  }

  double units(String campaign, String status) {
    Gauge g = registry.find(CampaignGauges.UNITS).tags("campaign", campaign, "status", status).gauge();
    return g == null ? -1 : g.value();
  }

  double waitingWave(String campaign) {
    Gauge g = registry.find(CampaignGauges.WAITING_WAVE).tags("campaign", campaign).gauge();
    return g == null ? -1 : g.value();
  }

  @Test
  void eachCampaignCountsItsUnitsByStatusAndTheWaveWaitingForAPerson() {
    listed.addAll(List.of("fleet", "done"));
    answers.put("fleet", progress("fleet", CampaignStatus.WAITING_FOR_APPROVAL, 2, List.of(
        List.of(unit("a", UnitStatus.COMPLETED), unit("b", UnitStatus.SKIPPED)), List.of(unit("c", UnitStatus.PENDING), unit("d", UnitStatus.PENDING)))));
    answers.put("done", progress("done", CampaignStatus.COMPLETED, null, List.of(List.of(unit("x", UnitStatus.COMPLETED)))));

    gauges.refresh();

    assertThat(units("fleet", "completed")).isEqualTo(1);
    assertThat(units("fleet", "skipped")).isEqualTo(1);
    assertThat(units("fleet", "pending")).isEqualTo(2);
    assertThat(units("fleet", "running")).as("no row for a status no unit is in").isEqualTo(-1);
    assertThat(waitingWave("fleet")).isEqualTo(2);
    assertThat(units("done", "completed")).isEqualTo(1);
    assertThat(waitingWave("done")).isZero();
  }

  @Test
  void anEndedCampaignIsReadOnceAndOneNobodyAnswersForKeepsItsLastCounts() {
    listed.addAll(List.of("fleet", "done"));
    answers.put("fleet", progress("fleet", CampaignStatus.RUNNING, null, List.of(List.of(unit("a", UnitStatus.RUNNING)))));
    answers.put("done", progress("done", CampaignStatus.FAILED, null, List.of(List.of(unit("x", UnitStatus.FAILED)))));
    gauges.refresh();
    queried.clear();
    answers.remove("fleet"); // its worker is restarting

    gauges.refresh();

    assertThat(queried).containsExactly("fleet");
    assertThat(units("fleet", "running")).isEqualTo(1);
    assertThat(units("done", "failed")).isEqualTo(1);
  }

  @Test
  void aCampaignTheStoreNoLongerListsLeavesTheScrape() {
    listed.add("old");
    answers.put("old", progress("old", CampaignStatus.COMPLETED, null, List.of(List.of(unit("x", UnitStatus.COMPLETED)))));
    gauges.refresh();
    listed.clear();

    gauges.refresh();

    assertThat(units("old", "completed")).isEqualTo(-1);
    assertThat(waitingWave("old")).isEqualTo(-1);
  }
}
