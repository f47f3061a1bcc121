package io.kmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A campaign is checked whole: each unit as a plan, the waves against the units, every problem named by field at once. */
class CampaignLoaderTest {
  final CampaignLoader loader = new CampaignLoader(new PlanValidator(Set.of("source", "target")));

  static String unit(String name, String topic) {
    return "  - {name: " + name + ", scheme: production-first, source: source, target: target, topics: [" + topic + "],"
        + " clients: [{name: " + name + "-producer, role: producer}]}\n";
  }

  List<PlanProblem> problems(String campaign) {
    return catchThrowableOfType(InvalidPlanException.class, () -> loader.parseValid(campaign)).problems();
  }

  @Test
  void aValidCampaignKeepsItsWavesUnitsAndPolicy() {
    CampaignPlan plan = loader.parseValid("name: fleet\nonFailure: continue\nwaves: [[a], [b, c]]\nplans:\n"
        + unit("a", "t1") + unit("b", "t2") + unit("c", "t3"));

    assertThat(plan.onFailure()).isEqualTo(FailurePolicy.CONTINUE);
    assertThat(plan.waves()).containsExactly(List.of("a"), List.of("b", "c"));
    assertThat(plan.plan("c").topics()).containsExactly("t3");
    assertThat(loader.parseValid("{\"name\":\"j\",\"waves\":[[\"a\"]],\"plans\":[{\"name\":\"a\",\"scheme\":\"production-first\","
        + "\"source\":\"source\",\"target\":\"target\",\"topics\":[\"t\"],\"clients\":[{\"name\":\"p\",\"role\":\"producer\"}]}]}")
        .onFailure()).as("JSON, and stop by default").isEqualTo(FailurePolicy.STOP);
  }

  @Test
  void everyProblemIsNamedByFieldAtOnce() {
    List<PlanProblem> problems = problems("name: 'bad name'\nonFailure: sometimes\nwave: []\nwaves: [[a, ghost], [a], []]\nplans:\n"
        + unit("a", "t1") + unit("b", "bad topic!") + unit("a", "t3"));

    assertThat(problems).extracting(PlanProblem::field).contains("name", "onFailure", "wave", "waves[0][1]", "waves[1][0]", "waves[2]",
        "plans[1].topics[0]", "plans[1].name", "plans[2].name");
    assertThat(problems).extracting(PlanProblem::message).contains(
        "'ghost' is no unit's name: name one of plans[*].name",
        "'a' is already in waves[0][0]: each unit runs in one wave",
        "'b' is in no wave: add it to one",
        "'a' is also plans[0]'s name: each unit needs its own",
        "'sometimes' is not a failure policy: use stop or continue");
  }

  @Test
  void anEmptyOrNonMappingCampaignSaysWhatACampaignIs() {
    assertThat(problems("")).extracting(PlanProblem::field).containsExactly("(campaign)");
    assertThat(problems("- just\n- a list\n")).extracting(PlanProblem::message)
        .containsExactly("a campaign is a mapping with name, waves and plans");
  }
}
