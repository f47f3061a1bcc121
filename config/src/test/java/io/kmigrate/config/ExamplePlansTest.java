package io.kmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The examples shipped in config/examples are plans users copy: they must load and validate clean. */
class ExamplePlansTest {
  private static final Path EXAMPLES = Path.of("examples");
  private final PlanValidator validator = new PlanValidator(Plans.KNOWN_CLUSTERS);

  @Test
  void yamlExampleLoadsAndValidatesClean() throws IOException {
    MigrationPlan plan = PlanLoader.load(EXAMPLES.resolve("production-first.yaml"));

    assertThat(validator.validate(plan)).isEmpty();
    assertThat(plan.name()).isEqualTo("orders-move");
    assertThat(plan.scheme()).isEqualTo(Scheme.PRODUCTION_FIRST);
    assertThat(plan.clientsWithRole(ClientRole.PRODUCER)).isNotEmpty();
    assertThat(plan.clientsWithRole(ClientRole.CONSUMER))
        .allSatisfy(c -> assertThat(plan.consumerGroups()).contains(c.consumerGroup()));
  }

  @Test
  void jsonExampleLoadsAndValidatesClean() throws IOException {
    MigrationPlan plan = PlanLoader.load(EXAMPLES.resolve("production-first.json"));

    assertThat(validator.validate(plan)).isEmpty();
  }

  @Test
  void yamlAndJsonExamplesAreTheSamePlan() throws IOException {
    assertThat(PlanLoader.load(EXAMPLES.resolve("production-first.yaml")))
        .isEqualTo(PlanLoader.load(EXAMPLES.resolve("production-first.json")));
  }

  @Test
  void examplePlanSurvivesAJsonRoundTrip() throws IOException {
    MigrationPlan plan = PlanLoader.load(EXAMPLES.resolve("production-first.yaml"));

    String json = PlanLoader.json().writeValueAsString(plan);

    assertThat(PlanLoader.parse(json)).isEqualTo(plan);
  }

  @Test
  void mirrorThenSwitchExampleLoadsAndValidatesClean() throws IOException {
    MigrationPlan plan = PlanLoader.load(EXAMPLES.resolve("mirror-then-switch.yaml"));

    assertThat(validator.validate(plan)).isEmpty();
    assertThat(plan.scheme()).isEqualTo(Scheme.MIRROR_THEN_SWITCH);
    assertThat(plan.mirrors()).isTrue();
    assertThat(plan.mirror().mirrorsAllTopics()).isTrue();
    assertThat(plan.mirror().syncsGroupOffsets()).isTrue();
    assertThat(PlanLoader.parse(PlanLoader.json().writeValueAsString(plan))).isEqualTo(plan);
  }

  @Test
  void everyExampleLoadsAndValidatesClean() throws IOException {
    List<Path> examples;
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      examples = files.filter(f -> f.toString().matches(".*\\.(yaml|yml|json)")).sorted().toList();
    }

    assertThat(examples).extracting(f -> f.getFileName().toString())
        .contains("production-first.yaml", "production-later.yaml", "mirror-then-switch.yaml");
    for (Path example : examples) {
      assertThat(validator.validate(PlanLoader.load(example))).as(example.toString()).isEmpty();
    }
  }
}
