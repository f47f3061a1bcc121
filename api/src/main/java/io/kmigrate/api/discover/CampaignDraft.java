package io.kmigrate.api.discover;

import io.kmigrate.activities.discover.MigrationUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The units as one campaign: the smallest alone in wave 1, a canary that tries the path before the
 * rest; every other unit in wave 2; {@code onFailure: stop}. Plans are named as the files beside it,
 * so an edited plan is the one that runs ({@code ./kmigrate campaigns start} reads them).
 */
final class CampaignDraft {
  private CampaignDraft() {}

  static String yaml(String source, String target, List<MigrationUnit> units) {
    MigrationUnit canary = units.stream()
        .min(Comparator.comparingInt((MigrationUnit u) -> u.topics().size() + u.groups().size()).thenComparing(MigrationUnit::name))
        .orElseThrow();
    List<String> rest = units.stream().filter(u -> u != canary).map(MigrationUnit::name).toList();
    List<String> out = new ArrayList<>();
    out.add("# Every unit discover found on '" + Yaml.oneLine(source) + "', as one campaign: ./kmigrate campaigns start THIS_FILE");
    out.add("# Wave 1 is the smallest unit alone, a canary; wave 2 the rest. Each wave starts when a person approves it.");
    out.add("name: " + campaignName(source, target));
    out.add("onFailure: stop   # or continue: a unit that did not complete does not stop the waves after it");
    out.add("waves:");
    out.add("  - [" + canary.name() + "]");
    if (!rest.isEmpty()) {
      out.add("  - [" + String.join(", ", rest) + "]");
    }
    out.add("plans:   # the files beside this one");
    units.forEach(u -> out.add("  - " + u.name() + ".yaml"));
    return String.join("\n", out) + "\n";
  }

  /** "source-to-target", kept to the characters and length a workflow id here may have. */
  static String campaignName(String source, String target) {
    String name = (source + "-to-" + target).replaceAll("[^A-Za-z0-9._-]", "-");
    name = Character.isLetterOrDigit(name.charAt(0)) ? name : "c" + name;
    return name.length() > 200 ? name.substring(0, 200) : name;
  }
}
