package io.kmigrate.config;

import java.util.List;

/**
 * Many migrations run as one campaign: each plan is a unit, the units run in waves (a wave starts
 * once a person approves it, and only after the wave before it ended), and {@code onFailure} says
 * whether a unit that did not complete stops the waves after it.
 */
public record CampaignPlan(String name, FailurePolicy onFailure, List<List<String>> waves, List<MigrationPlan> plans) {
  public CampaignPlan {
    waves = waves.stream().map(List::copyOf).toList();
    plans = List.copyOf(plans);
  }

  /** The unit's plan. */
  public MigrationPlan plan(String unit) {
    return plans.stream().filter(p -> p.name().equals(unit)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no unit '" + unit + "' in campaign " + name));
  }

  public int units() {
    return plans.size();
  }
}
