package io.kmigrate.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks a campaign (YAML or JSON): {@code name}, {@code onFailure} (stop, the default,
 * or continue), {@code waves} (lists of unit names) and {@code plans} (the units, each a whole
 * plan, checked as {@code plan validate} checks one). Every problem is named by field
 * ({@code plans[2].topics[0]}, {@code waves[1][0]}), all at once.
 */
public final class CampaignLoader {
  /** The most units a campaign runs: each is a child workflow, and its progress lists them all. */
  public static final int MAX_UNITS = 200;
  private static final Set<String> FIELDS = Set.of("name", "onFailure", "waves", "plans");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final PlanValidator plans;

  public CampaignLoader(PlanValidator plans) {
    this.plans = plans;
  }

  /** The campaign, valid; else an {@link InvalidPlanException} naming every problem. */
  public CampaignPlan parseValid(String text) {
    List<PlanProblem> problems = new ArrayList<>();
    JsonNode root = tree(text, problems);
    if (root == null) {
      throw new InvalidPlanException(problems);
    }
    for (Iterator<String> f = root.fieldNames(); f.hasNext(); ) {
      String field = f.next();
      if (!FIELDS.contains(field)) {
        problems.add(new PlanProblem(field, "unknown field: a campaign has name, onFailure, waves and plans"));
      }
    }
    String name = root.path("name").asText("");
    if (!NAME.matcher(name).matches()) {
      problems.add(new PlanProblem("name", "must start with a letter or digit and hold only letters, digits, '.', '_' or '-' (at most 200)"));
    }
    FailurePolicy onFailure = FailurePolicy.STOP;
    if (root.has("onFailure")) {
      try {
        onFailure = FailurePolicy.of(root.path("onFailure").asText());
      } catch (IllegalArgumentException e) {
        problems.add(new PlanProblem("onFailure", e.getMessage()));
      }
    }
    List<MigrationPlan> units = units(root.path("plans"), problems);
    List<String> named = new ArrayList<>();
    root.path("plans").forEach(p -> named.add(p.path("name").asText("")));
    List<List<String>> waves = waves(root.path("waves"), named, problems);
    if (!problems.isEmpty()) {
      problems.sort(PlanProblem.READING_ORDER);
      throw new InvalidPlanException(problems);
    }
    return new CampaignPlan(name, onFailure, waves, units);
  }

  private static JsonNode tree(String text, List<PlanProblem> problems) {
    if (text == null || text.isBlank()) {
      problems.add(new PlanProblem("(campaign)", "the campaign is empty: send YAML or JSON with name, waves and plans"));
      return null;
    }
    if (text.length() > PlanLoader.MAX_BYTES * 4) {
      problems.add(new PlanProblem("(campaign)", "the campaign is larger than " + PlanLoader.MAX_BYTES * 4 / 1024 + " KiB: split it"));
      return null;
    }
    try {
      JsonNode root = (text.stripLeading().startsWith("{") ? JSON : YAML).readTree(text);
      if (root == null || !root.isObject()) {
        problems.add(new PlanProblem("(campaign)", "a campaign is a mapping with name, waves and plans"));
        return null;
      }
      return root;
    } catch (JsonProcessingException e) {
      problems.add(new PlanProblem("(campaign)", "not YAML or JSON: " + e.getOriginalMessage()));
      return null;
    }
  }

  private List<MigrationPlan> units(JsonNode list, List<PlanProblem> problems) {
    List<MigrationPlan> out = new ArrayList<>();
    if (!list.isArray() || list.isEmpty()) {
      problems.add(new PlanProblem("plans", "list the campaign's units, each a whole plan"));
      return out;
    }
    if (list.size() > MAX_UNITS) {
      problems.add(new PlanProblem("plans", list.size() + " units: a campaign runs at most " + MAX_UNITS + "; split it"));
      return out;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String field = "plans[" + i + "]";
      List<PlanProblem> own = plans.validate(list.get(i).toString());
      own.forEach(p -> problems.add(new PlanProblem(field + (p.field().startsWith("(") ? "" : "." + p.field()), p.message())));
      if (!own.isEmpty()) {
        continue;
      }
      MigrationPlan plan = PlanLoader.parse(list.get(i).toString());
      Integer before = seen.putIfAbsent(plan.name(), i);
      if (before != null) {
        problems.add(new PlanProblem(field + ".name", "'" + plan.name() + "' is also plans[" + before + "]'s name: each unit needs its own"));
      } else {
        out.add(plan);
      }
    }
    return out;
  }

  /** The waves, each unit named once; {@code named} are the plans' names as written (a plan with problems still has one). */
  private static List<List<String>> waves(JsonNode list, List<String> named, List<PlanProblem> problems) {
    List<List<String>> out = new ArrayList<>();
    if (!list.isArray() || list.isEmpty()) {
      problems.add(new PlanProblem("waves", "list the waves, each a list of unit names, e.g. [[move-orders], [move-billing, move-audit]]"));
      return out;
    }
    Set<String> names = new HashSet<>(named);
    Map<String, String> placed = new HashMap<>();
    for (int w = 0; w < list.size(); w++) {
      JsonNode wave = list.get(w);
      List<String> members = new ArrayList<>();
      if (!wave.isArray() || wave.isEmpty()) {
        problems.add(new PlanProblem("waves[" + w + "]", "a wave is a non-empty list of unit names"));
        out.add(members);
        continue;
      }
      for (int u = 0; u < wave.size(); u++) {
        String field = "waves[" + w + "][" + u + "]";
        String unit = wave.get(u).asText("");
        String before = placed.putIfAbsent(unit, field);
        if (!names.contains(unit)) {
          problems.add(new PlanProblem(field, "'" + unit + "' is no unit's name: name one of plans[*].name"));
        } else if (before != null) {
          problems.add(new PlanProblem(field, "'" + unit + "' is already in " + before + ": each unit runs in one wave"));
        } else {
          members.add(unit);
        }
      }
      out.add(members);
    }
    for (int i = 0; i < named.size(); i++) {
      if (!named.get(i).isEmpty() && !placed.containsKey(named.get(i))) {
        problems.add(new PlanProblem("plans[" + i + "].name", "'" + named.get(i) + "' is in no wave: add it to one"));
      }
    }
    return out;
  }
}
