package io.kmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanLoaderTest {
  private static final String YAML =
      """
      name: orders-move
      scheme: production-first
      source: source
      target: target
      topics: [orders, payments]
      consumerGroups: [orders-consumer]
      clients:
        - name: orders-producer
          role: producer
          strategy: routing
        - name: orders-consumer-app
          role: consumer
          consumerGroup: orders-consumer
      gates:
        producer-cutover:
          timeout: 4h
          onTimeout: abort
        consumer-cutover:
          required: true
          onTimeout: keep-waiting
      waits:
        pollInterval: 5s
        stableFor: 30s
        maxWait: 1h
        stallAfter: 2m
      """;

  private static final String JSON =
      """
      {
        "name": "orders-move",
        "scheme": "production-first",
        "source": "source",
        "target": "target",
        "topics": ["orders", "payments"],
        "consumerGroups": ["orders-consumer"],
        "clients": [
          {"name": "orders-producer", "role": "producer", "strategy": "routing"},
          {"name": "orders-consumer-app", "role": "consumer", "consumerGroup": "orders-consumer"}
        ],
        "gates": {
          "producer-cutover": {"timeout": "PT4H", "onTimeout": "abort"},
          "consumer-cutover": {"required": true, "onTimeout": "keep-waiting"}
        },
        "waits": {"pollInterval": "PT5S", "stableFor": 30, "maxWait": "60m", "stallAfter": "120s"}
      }
      """;

  @Test
  void yamlAndJsonOfTheSamePlanParseToEqualPlans() {
    MigrationPlan fromYaml = PlanLoader.parse(YAML);
    MigrationPlan fromJson = PlanLoader.parse(JSON);

    assertThat(fromYaml).isEqualTo(fromJson);
  }

  @Test
  void yamlPlanIsReadIntoTheModel() {
    MigrationPlan plan = PlanLoader.parse(YAML);

    assertThat(plan.name()).isEqualTo("orders-move");
    assertThat(plan.scheme()).isEqualTo(Scheme.PRODUCTION_FIRST);
    assertThat(plan.source()).isEqualTo("source");
    assertThat(plan.target()).isEqualTo("target");
    assertThat(plan.topics()).containsExactly("orders", "payments");
    assertThat(plan.consumerGroups()).containsExactly("orders-consumer");
    assertThat(plan.clients())
        .containsExactly(
            new ClientGroup("orders-producer", ClientRole.PRODUCER, RepointStrategy.ROUTING, null),
            new ClientGroup("orders-consumer-app", ClientRole.CONSUMER, RepointStrategy.ROUTING, "orders-consumer"));
    assertThat(plan.gates().producerCutover())
        .isEqualTo(new GateConfig(true, Duration.ofHours(4), GateTimeoutAction.ABORT));
    assertThat(plan.gates().consumerCutover()).isEqualTo(GateConfig.requiredForever());
    assertThat(plan.waits())
        .isEqualTo(new Waits(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(2)));
  }

  @Test
  void omittedGatesAndWaitsTakeTheirDefaults() {
    MigrationPlan plan =
        PlanLoader.parse(
            """
            name: m
            scheme: production-first
            source: source
            target: target
            topics: [orders]
            clients: [{name: p, role: producer}]
            """);

    assertThat(plan.gates()).isEqualTo(Gates.defaults());
    assertThat(plan.gates().producerCutover().isRequired()).isTrue();
    assertThat(plan.waits()).isEqualTo(Waits.defaults());
    assertThat(plan.clients().get(0).strategy()).isEqualTo(RepointStrategy.ROUTING);
    assertThat(plan.consumerGroups()).isEmpty();
  }

  @Test
  void durationsParseFromShortTextIsoTextAndSeconds() {
    MigrationPlan plan =
        PlanLoader.parse(
            """
            name: m
            scheme: production-first
            source: source
            target: target
            topics: [orders]
            clients: [{name: p, role: producer}]
            waits:
              pollInterval: 30s
              stableFor: 5m
              maxWait: PT1H
              stallAfter: 90
            """);

    assertThat(plan.waits().pollInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(plan.waits().stableFor()).isEqualTo(Duration.ofMinutes(5));
    assertThat(plan.waits().maxWait()).isEqualTo(Duration.ofHours(1));
    assertThat(plan.waits().stallAfter()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void durationTextUnderstandsEveryShortUnitAndIso() {
    assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationText.parse(" 5m ")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DurationText.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(DurationText.parse("3d")).isEqualTo(Duration.ofDays(3));
    assertThat(DurationText.parse("PT1H")).isEqualTo(Duration.ofHours(1));
    assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> DurationText.parse("soon")))
        .hasMessageContaining("'soon' is not a duration");
  }

  @Test
  void unknownFieldIsAProblemNamingTheFieldPath() {
    List<PlanProblem> problems =
        problemsOf(
            """
            name: m
            scheme: production-first
            source: source
            target: target
            topics: [orders]
            clients:
              - name: p
                rol: producer
            """);

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).field()).isEqualTo("clients[0].rol");
    assertThat(problems.get(0).message()).contains("unknown field 'rol'");
  }

  @Test
  void unknownTopLevelFieldInJsonIsAProblemNamingTheField() {
    List<PlanProblem> problems = problemsOf("{\"name\": \"m\", \"topicz\": [\"orders\"]}");

    assertThat(problems).extracting(PlanProblem::field).containsExactly("topicz");
    assertThat(problems.get(0).message()).contains("unknown field 'topicz'");
  }

  @Test
  void badSchemeValueIsAProblemOnFieldScheme() {
    List<PlanProblem> problems =
        problemsOf(
            """
            name: m
            scheme: blue-green
            source: source
            target: target
            """);

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).field()).isEqualTo("scheme");
    assertThat(problems.get(0).message()).contains("blue-green").contains("production-first");
  }

  @Test
  void badDurationIsAProblemOnItsField() {
    List<PlanProblem> problems =
        problemsOf(
            """
            name: m
            waits:
              pollInterval: soon
            """);

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).field()).isEqualTo("waits.pollInterval");
    assertThat(problems.get(0).message()).contains("soon");
  }

  @Test
  void badRoleIsAProblemOnTheClientsRoleField() {
    List<PlanProblem> problems =
        problemsOf(
            """
            name: m
            clients:
              - name: p
                role: writer
            """);

    assertThat(problems).extracting(PlanProblem::field).containsExactly("clients[0].role");
  }

  @Test
  void emptyTextIsAProblem() {
    for (String empty : new String[] {"", "   \n  ", null}) {
      List<PlanProblem> problems = problemsOf(empty);

      assertThat(problems).hasSize(1);
      assertThat(problems.get(0).field()).isEqualTo("(plan)");
      assertThat(problems.get(0).message()).contains("empty");
    }
  }

  @Test
  void yamlDocumentWithoutContentIsAnEmptyPlanProblem() {
    List<PlanProblem> problems = problemsOf("---\n# nothing here\n");

    assertThat(problems).extracting(PlanProblem::field).containsExactly("(plan)");
    assertThat(problems.get(0).message()).contains("empty");
  }

  @Test
  void textThatIsNeitherYamlNorJsonIsAProblemOnThePlan() {
    List<PlanProblem> problems = problemsOf("{\"name\": \"m\",");

    assertThat(problems).extracting(PlanProblem::field).containsExactly("(plan)");
    assertThat(problems.get(0).message()).contains("not valid YAML or JSON");
  }

  @Test
  void anUnknownFieldBeforeOthersIsNamedAtItsOwnPath() {
    List<PlanProblem> problems =
        problemsOf(
            """
            name: m
            consumerGroupz: [billing]
            gates:
              big-bang: {required: false}
              producer-cutover: {required: true}
            waits: {maxWait: 1h}
            """);

    assertThat(problems).extracting(PlanProblem::field).containsExactlyInAnyOrder("consumerGroupz", "gates.big-bang");
  }

  @Test
  void aYamlAliasIsAProblemOnItsFieldNotTheAnchorsName() {
    List<PlanProblem> problems =
        problemsOf(
            """
            name: m
            source: &target source
            target: *target
            topics: [orders, *target]
            """);

    assertThat(problems).extracting(PlanProblem::field).containsExactly("target", "topics[1]");
    assertThat(problems.get(0).message()).contains("*target", "not supported");
  }

  @Test
  void aKeyGivenTwiceIsAProblemOnThatKeyInYamlAndJson() {
    assertThat(problemsOf("name: m\nwaits: {maxWait: 1h, maxWait: 2h}\n"))
        .extracting(PlanProblem::field).containsExactly("waits.maxWait");
    assertThat(problemsOf("{\"name\": \"m\", \"name\": \"n\"}")).extracting(PlanProblem::field).containsExactly("name");
  }

  @Test
  void nullListEntriesAreProblemsOnTheirEntriesNotAnEmptyPlan() {
    List<PlanProblem> problems =
        new PlanValidator(java.util.Set.of("source", "target")).validate(
            """
            name: m
            scheme: production-first
            source: source
            target: target
            topics: [orders, null]
            clients: [null, {name: p, role: producer}]
            """);

    assertThat(problems).extracting(PlanProblem::field).containsOnly("clients[0]", "topics[1]");
  }

  @Test
  void aDurationThatIsAListOrTooLongIsAProblemOnItsField() {
    assertThat(problemsOf("name: m\nwaits: {maxWait: [1h], stableFor: 30s}\n"))
        .singleElement().satisfies(p -> assertThat(p).isEqualTo(
            new PlanProblem("waits.maxWait", "a list is not a duration: write e.g. 500ms, 30s, 5m, 2h, 3d or PT30S")));
    assertThat(problemsOf("name: m\nwaits: {maxWait: 99999999999999999999d}\n"))
        .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("waits.maxWait"));
  }

  @Test
  void aPlanOverTheSizeLimitIsRefusedBeforeParsing() {
    List<PlanProblem> problems = problemsOf("name: m\n# " + "x".repeat(PlanLoader.MAX_BYTES) + "\n");

    assertThat(problems).extracting(PlanProblem::field).containsExactly("(plan)");
    assertThat(problems.get(0).message()).contains("larger than 1024 KiB");
  }

  @Test
  void planTextIsReadAsStrictUtf8AndAtMostTheSizeLimit() throws Exception {
    byte[] latin1 = "name: m\ntarget: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    InvalidPlanException notUtf8 = catchThrowableOfType(InvalidPlanException.class,
        () -> PlanLoader.text(new java.io.ByteArrayInputStream(latin1)));
    assertThat(notUtf8.problems()).containsExactly(
        new PlanProblem("(plan)", "byte 0xE9 on line 2 is not UTF-8: save the plan as UTF-8"));

    byte[] huge = new byte[PlanLoader.MAX_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) '#');
    assertThat(catchThrowableOfType(InvalidPlanException.class, () -> PlanLoader.text(new java.io.ByteArrayInputStream(huge))))
        .isNotNull();
    assertThat(PlanLoader.text(new java.io.ByteArrayInputStream("name: caf\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .isEqualTo("name: caf\u00e9");
  }

  private static List<PlanProblem> problemsOf(String text) {
    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> PlanLoader.parse(text));
    assertThat(e).as("parsing should fail with InvalidPlanException").isNotNull();
    return e.problems();
  }
}
