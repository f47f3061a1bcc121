package io.kmigrate.demo.campaign;

import java.util.List;

/**
 * What {@code kmigrate demo --campaign --report} writes: what discovery found, the campaign's
 * outcome, and every unit with each of its consumer groups' own delivery counts. Fields are added
 * over time, never renamed.
 */
public record CampaignReport(String campaign, String status, List<List<String>> waves, Discovered discovered, List<Unit> units,
    long produced, long consumed, long lost, long durationMs) {

  /** The directory discovery wrote, what it read, and the drafts' problems it left for a person. */
  public record Discovered(String dir, int topics, int groups, int units, List<String> needsPerson) {}

  /** A unit: its wave (from 1), scheme and status as the campaign reports them. */
  public record Unit(String name, int wave, String scheme, String status, String detail, List<String> topics, List<Group> groups) {}

  /** One consumer group of a unit, from its own ledger: every acknowledged send to its topic must reach it once, in key order. */
  public record Group(String group, String topic, long produced, long consumed, long lost, long duplicates, long outOfOrder) {}

  /** Every unit completed, every group read every record it was sent, none out of per-key order. */
  public boolean promisesHeld() {
    return "COMPLETED".equals(status) && !units.isEmpty() && units.stream().allMatch(u -> "COMPLETED".equals(u.status())
        && u.groups().stream().allMatch(g -> g.produced() > 0 && g.lost() == 0 && g.outOfOrder() == 0));
  }

  public String summary() {
    long completed = units.stream().filter(u -> "COMPLETED".equals(u.status())).count();
    return "campaign " + campaign + " " + status + ": units=" + units.size() + " completed=" + completed + " produced=" + produced
        + " lost=" + lost;
  }
}
