package io.kmigrate.config;

import static io.kmigrate.config.Plans.consumer;
import static io.kmigrate.config.Plans.producer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scheme mirror-then-switch plans and the {@code mirror} section: MirrorMaker 2 copies the
 * topics' stored messages to the target, so consumers move first and producers follow.
 */
class MirrorThenSwitchPlanTest {
  static final PlanValidator VALIDATOR = new PlanValidator(Set.of("source", "target"));

  static String plan(String scheme, String mirror) {
    return String.join("\n",
        "name: mirrored",
        "scheme: " + scheme,
        "source: source",
        "target: target",
        "topics: [orders, payments]",
        "consumerGroups: [billing]",
        "clients:",
        "  - {name: api, role: producer}",
        "  - {name: billing, role: consumer, consumerGroup: billing}",
        mirror,
        "");
  }

  static Plans mirrorThenSwitch() {
    return Plans.valid().scheme(Scheme.MIRROR_THEN_SWITCH);
  }

  static List<PlanProblem> validate(Plans plans) {
    return VALIDATOR.validate(plans.build());
  }

  // --- the scheme

  @Test
  void theSchemeIsWrittenMirrorThenSwitchAndRunByItsOwnWorkflow() {
    assertThat(Scheme.fromId("mirror-then-switch")).isEqualTo(Scheme.MIRROR_THEN_SWITCH);
    assertThat(Scheme.MIRROR_THEN_SWITCH.id()).isEqualTo("mirror-then-switch");
    assertThat(Scheme.MIRROR_THEN_SWITCH.workflowType()).isEqualTo("MirrorThenSwitch");
  }

  @Test
  void aMissingOrUnknownSchemeIsAnsweredWithAllThreeSchemes() {
    Plans noScheme = Plans.valid();
    noScheme.scheme = null;

    assertThat(validate(noScheme)).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("scheme");
      assertThat(p.message()).isEqualTo("must be production-first, production-later or mirror-then-switch");
    });
    assertThat(VALIDATOR.validate(plan("blue-green", ""))).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("scheme");
      assertThat(p.message()).isEqualTo(
          "'blue-green' is not a scheme: use production-first or production-later or mirror-then-switch");
    });
  }

  // --- defaults

  @Test
  void withoutAMirrorSectionOnlyMirrorThenSwitchMirrors() {
    MigrationPlan first = Plans.valid().build();
    MigrationPlan later = Plans.valid().scheme(Scheme.PRODUCTION_LATER).build();
    MigrationPlan mirrored = mirrorThenSwitch().build();

    assertThat(first.mirror()).isEqualTo(MirrorSettings.disabled());
    assertThat(first.mirrors()).isFalse();
    assertThat(later.mirrors()).isFalse();
    assertThat(mirrored.mirror()).isEqualTo(MirrorSettings.allTopics());
    assertThat(mirrored.mirrors()).isTrue();
  }

  @Test
  void aPlanTextWithoutAMirrorSectionTakesTheSameDefaults() {
    assertThat(PlanLoader.parse(plan("production-first", "")).mirrors()).isFalse();
    assertThat(PlanLoader.parse(plan("mirror-then-switch", "")).mirror()).isEqualTo(MirrorSettings.allTopics());
  }

  @Test
  void omittedTopicsMirrorEveryTopicOfThePlanAndOffsetsAreTranslatedByDefault() {
    MirrorSettings mirror = mirrorThenSwitch().build().mirror();

    assertThat(mirror.topics()).isEmpty();
    assertThat(mirror.mirrorsAllTopics()).isTrue();
    assertThat(mirror.syncsGroupOffsets()).isTrue();
    assertThat(new MirrorSettings(true, List.of(), null)).isEqualTo(new MirrorSettings(true, null, true));
  }

  @Test
  void aMirrorSectionWithoutEnabledTurnsMirroringOnForProductionFirst() {
    MigrationPlan plan = PlanLoader.parse(plan("production-first", "mirror: {topics: [orders]}"));

    assertThat(plan.mirrors()).isTrue();
    assertThat(plan.mirror()).isEqualTo(new MirrorSettings(true, List.of("orders"), true));
    assertThat(VALIDATOR.validate(plan)).isEmpty();
  }

  @Test
  void productionLaterRefusesTheMirror() {
    MigrationPlan plan = PlanLoader.parse(plan("production-later", "mirror: {enabled: true}"));

    assertThat(VALIDATOR.validate(plan)).filteredOn(p -> p.field().startsWith("mirror")).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("mirror.enabled");
      assertThat(p.message()).startsWith("production-later's new consumers would read the mirrored history again");
    });
  }

  @Test
  void mirrorThenSwitchMirrorsEveryTopicOfThePlan() {
    List<PlanProblem> problems = validate(mirrorThenSwitch().mirror(new MirrorSettings(true, List.of("orders"), null)));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("mirror.topics");
      assertThat(p.message()).isEqualTo(
          "mirror-then-switch mirrors every topic of the plan (its consumers read them all on the target): remove mirror.topics");
    });
  }

  @Test
  void productionFirstMayTurnTheMirrorOffExplicitly() {
    MigrationPlan plan = PlanLoader.parse(plan("production-first", "mirror: {enabled: false}"));

    assertThat(plan.mirrors()).isFalse();
    assertThat(VALIDATOR.validate(plan)).isEmpty();
  }

  // --- validation

  @Test
  void aMirrorThenSwitchPlanWithTheDefaultMirrorIsValid() {
    assertThat(validate(mirrorThenSwitch())).isEmpty();
    assertThat(VALIDATOR.validate(plan("mirror-then-switch", ""))).isEmpty();
  }

  @Test
  void mirrorThenSwitchRefusesAMirrorTurnedOff() {
    List<PlanProblem> problems = validate(mirrorThenSwitch().mirror(MirrorSettings.disabled()));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("mirror.enabled");
      assertThat(p.message()).isEqualTo(
          "mirror-then-switch copies the stored messages with MirrorMaker 2: set it true, or choose production-first");
    });
  }

  @Test
  void mirrorThenSwitchRefusesUntranslatedOffsetsWhenThePlanHasConsumerGroups() {
    List<PlanProblem> problems = validate(mirrorThenSwitch().mirror(new MirrorSettings(true, null, false)));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("mirror.syncGroupOffsets");
      assertThat(p.message()).isEqualTo(
          "mirror-then-switch starts the consumer groups on the target at their translated offsets: set it true");
    });
  }

  @Test
  void withoutConsumerGroupsThereAreNoOffsetsToTranslate() {
    Plans producersOnly = mirrorThenSwitch().consumerGroups().clients(producer("api")).mirror(new MirrorSettings(true, null, false));

    assertThat(validate(producersOnly)).isEmpty();
  }

  @Test
  void anIllegalMirrorTopicNameIsAProblemOnThatEntry() {
    List<PlanProblem> problems = validate(mirrorThenSwitch().mirror(new MirrorSettings(true, List.of("orders", "orders/eu"), null)));

    assertThat(entries(problems)).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("mirror.topics[1]");
      assertThat(p.message()).isEqualTo("'orders/eu' is not a legal topic name: use only letters, digits, '.', '_' and '-'");
    });
  }

  @Test
  void anEmptyMirrorTopicEntryIsAProblemOnThatEntry() {
    MigrationPlan plan = PlanLoader.parse(plan("mirror-then-switch", "mirror: {topics: [orders, ~]}"));

    assertThat(entries(VALIDATOR.validate(plan))).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("mirror.topics[1]");
      assertThat(p.message()).isEqualTo("a topic name must not be empty");
    });
  }

  @Test
  void aMirrorTopicListedTwiceIsAProblemOnTheSecondEntry() {
    List<PlanProblem> problems = validate(mirrorThenSwitch().mirror(new MirrorSettings(true, List.of("orders", "orders"), null)));

    assertThat(entries(problems)).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("mirror.topics[1]");
      assertThat(p.message()).isEqualTo("topic 'orders' is listed twice");
    });
  }

  @Test
  void aMirrorTopicMustBeOneOfThePlansListedTopics() {
    List<PlanProblem> problems = validate(mirrorThenSwitch().mirror(new MirrorSettings(true, List.of("payments", "refunds"), null)));

    assertThat(entries(problems)).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("mirror.topics[1]");
      assertThat(p.message()).isEqualTo(
          "topic 'refunds' is not one of the plan's topics [orders, payments]: add it to topics or remove it here");
    });
  }

  @Test
  void withATopicPatternAnyLegalMirrorTopicIsAccepted() {
    Plans plans = mirrorThenSwitch().noTopics().topicPattern("orders\\..*").mirror(new MirrorSettings(true, List.of("orders.eu"), null));

    assertThat(entries(validate(plans))).isEmpty();
  }

  @Test
  void mirrorThenSwitchNeedsAProducerClientLikeEveryScheme() {
    List<PlanProblem> problems = validate(mirrorThenSwitch().clients(consumer("billing", "orders-consumer")));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("clients");
      assertThat(p.message()).isEqualTo("name at least one client with role producer");
    });
  }

  @Test
  void aConsumerClientNeedsItsGroupInConsumerGroupsLikeEveryScheme() {
    List<PlanProblem> problems = validate(mirrorThenSwitch().consumerGroups());

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("clients[1].consumerGroup");
      assertThat(p.message()).isEqualTo("group 'orders-consumer' is not in consumerGroups: add it there");
    });
  }

  @Test
  void replacementConsumersBelongOnlyToProductionLater() {
    String replacement = "  - {name: billing-target, role: consumer, consumerGroup: billing, replaces: billing}";

    List<PlanProblem> problems = VALIDATOR.validate(withClient(plan("mirror-then-switch", ""), replacement));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("clients[2].replaces");
      assertThat(p.message()).isEqualTo("only scheme production-later starts replacement consumers: remove it");
    });
  }

  // --- reading the mirror section

  @Test
  void theMirrorSectionReadsTheSameFromYamlAndJson() {
    String yaml = plan("mirror-then-switch", "mirror:\n  enabled: true\n  topics: [orders]\n  syncGroupOffsets: false");
    String json = """
        {"name": "mirrored", "scheme": "mirror-then-switch", "source": "source", "target": "target",
         "topics": ["orders", "payments"], "consumerGroups": ["billing"],
         "clients": [{"name": "api", "role": "producer"}, {"name": "billing", "role": "consumer", "consumerGroup": "billing"}],
         "mirror": {"enabled": true, "topics": ["orders"], "syncGroupOffsets": false}}
        """;

    MigrationPlan fromYaml = PlanLoader.parse(yaml);

    assertThat(fromYaml.mirror()).isEqualTo(new MirrorSettings(true, List.of("orders"), false));
    assertThat(fromYaml.mirror().syncsGroupOffsets()).isFalse();
    assertThat(PlanLoader.parse(json)).isEqualTo(fromYaml);
  }

  @Test
  void theMirrorIsWrittenWithItsFieldsOnlyAndReadsBackEqual() throws Exception {
    MigrationPlan plan = PlanLoader.parse(plan("mirror-then-switch", "mirror: {topics: [orders]}"));

    String json = PlanLoader.json().writeValueAsString(plan);

    assertThat(json).contains("\"mirror\":{\"enabled\":true,\"topics\":[\"orders\"],\"syncGroupOffsets\":true}");
    assertThat(json).doesNotContain("mirrors").doesNotContain("syncsGroupOffsets").doesNotContain("mirrorsAllTopics");
    assertThat(PlanLoader.parse(json)).isEqualTo(plan);
  }

  @Test
  void anUnknownFieldInsideMirrorIsNamedWithItsPath() {
    List<PlanProblem> fromYaml = problemsOf(plan("mirror-then-switch", "mirror:\n  enabled: true\n  topicz: [orders]"));
    List<PlanProblem> fromJson = problemsOf(
        "{\"name\": \"mirrored\", \"scheme\": \"mirror-then-switch\", \"mirror\": {\"syncOffsets\": true}}");

    assertThat(fromYaml).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("mirror.topicz");
      assertThat(p.message()).isEqualTo("unknown field 'topicz': remove it or check its spelling");
    });
    assertThat(fromJson).extracting(PlanProblem::field).containsExactly("mirror.syncOffsets");
  }

  @Test
  void anUnknownFieldInsideMirrorIsReportedTogetherWithTheRuleProblems() {
    String text = plan("mirror-then-switch", "mirror: {enabled: false, colour: blue}");

    assertThat(VALIDATOR.validate(text)).extracting(PlanProblem::field).containsExactly("mirror.colour", "mirror.enabled");
  }

  private static String withClient(String planText, String client) {
    return planText.replace("consumerGroup: billing}\n", "consumerGroup: billing}\n" + client + "\n");
  }

  private static List<PlanProblem> problemsOf(String text) {
    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> PlanLoader.parse(text));
    assertThat(e).as("parsing should fail with InvalidPlanException").isNotNull();
    return e.problems();
  }

  /** Problems of single mirror.topics entries, checked whatever the scheme makes of the list. */
  private static List<PlanProblem> entries(List<PlanProblem> problems) {
    return problems.stream().filter(p -> p.field().startsWith("mirror.topics[")).toList();
  }
}
