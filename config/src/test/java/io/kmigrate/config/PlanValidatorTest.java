package io.kmigrate.config;

import static io.kmigrate.config.Plans.consumer;
import static io.kmigrate.config.Plans.producer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {
  private final PlanValidator validator = new PlanValidator(Plans.KNOWN_CLUSTERS);

  @Test
  void validPlanHasNoProblems() {
    assertThat(validator.validate(Plans.valid().build())).isEmpty();
  }

  @Test
  void validPlanWithTopicPatternHasNoProblems() {
    assertThat(validator.validate(Plans.valid().noTopics().topicPattern("orders\\..*").build())).isEmpty();
  }

  @Test
  void requireValidReturnsAValidPlanUnchanged() {
    MigrationPlan plan = Plans.valid().build();

    assertThat(validator.requireValid(plan)).isSameAs(plan);
  }

  @Test
  void everyProblemIsListedAtOnceWithItsFieldPath() {
    MigrationPlan plan =
        Plans.valid()
            .source("nowhere")
            .topics("orders", "bad topic!")
            .waits(Duration.ZERO, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(2))
            .clients(
                consumer("app", "orders-consumer"),
                consumer("app", "orders-consumer"),
                consumer("reader", null),
                consumer("other", "unlisted-group"))
            .build();

    List<PlanProblem> problems = validator.validate(plan);

    assertThat(problems)
        .extracting(PlanProblem::field)
        .containsExactlyInAnyOrder(
            "clients",
            "clients[1].name",
            "clients[2].consumerGroup",
            "clients[3].consumerGroup",
            "source",
            "topics[1]",
            "waits.pollInterval");
  }

  @Test
  void requireValidThrowsWithEveryProblem() {
    MigrationPlan plan = Plans.valid().source("nowhere").topics("bad topic!").build();

    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> validator.requireValid(plan));

    assertThat(e.problems()).extracting(PlanProblem::field).containsExactly("source", "topics[0]");
    assertThat(e).hasMessageContaining("source: unknown cluster 'nowhere'").hasMessageContaining("topics[0]:");
  }

  @Test
  void problemsAreSortedByField() {
    MigrationPlan plan =
        Plans.valid()
            .target("elsewhere")
            .source("nowhere")
            .topics("bad topic!")
            .waits(Duration.ofSeconds(-1), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(2))
            .build();

    assertThat(validator.validate(plan))
        .extracting(PlanProblem::field)
        .containsExactly("source", "target", "topics[0]", "waits.pollInterval");
  }

  @Test
  void illegalTopicNameIsAProblemOnThatListEntry() {
    List<PlanProblem> problems = validator.validate(Plans.valid().topics("orders", "orders/eu").build());

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("topics[1]");
      assertThat(p.message()).contains("'orders/eu' is not a legal topic name");
    });
  }

  @Test
  void dotAndDotDotAndOverlongTopicNamesAreIllegal() {
    List<PlanProblem> problems =
        validator.validate(Plans.valid().topics(".", "..", "x".repeat(250), "y".repeat(249)).build());

    assertThat(problems).extracting(PlanProblem::field).containsExactly("topics[0]", "topics[1]", "topics[2]");
    assertThat(problems.get(2).message()).contains("250 characters");
  }

  @Test
  void topicListedTwiceIsAProblemOnTheSecondEntry() {
    List<PlanProblem> problems = validator.validate(Plans.valid().topics("orders", "orders").build());

    assertThat(problems).extracting(PlanProblem::field).containsExactly("topics[1]");
    assertThat(problems.get(0).message()).contains("listed twice");
  }

  @Test
  void unknownSourceClusterIsAProblemOnFieldSourceNamingKnownClusters() {
    List<PlanProblem> problems = validator.validate(Plans.valid().source("nowhere").build());

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("source");
      assertThat(p.message()).contains("unknown cluster 'nowhere'").contains("[source, target]");
    });
  }

  @Test
  void unknownTargetClusterIsAProblemOnFieldTarget() {
    assertThat(validator.validate(Plans.valid().target("elsewhere").build()))
        .extracting(PlanProblem::field)
        .containsExactly("target");
  }

  @Test
  void sourceEqualToTargetIsAProblemOnFieldTarget() {
    List<PlanProblem> problems = validator.validate(Plans.valid().target("source").build());

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("target");
      assertThat(p.message()).contains("must differ from source");
    });
  }

  @Test
  void blankClusterNamesAreProblemsOnTheirFields() {
    assertThat(validator.validate(Plans.valid().source(" ").target("").build()))
        .extracting(PlanProblem::field)
        .containsExactly("source", "target");
  }

  @Test
  void zeroOrNegativeDurationsAreProblemsOnTheirWaitFields() {
    MigrationPlan plan =
        Plans.valid()
            .waits(Duration.ZERO, Duration.ofSeconds(-5), Duration.ZERO, Duration.ofMinutes(-1))
            .build();

    List<PlanProblem> problems = validator.validate(plan);

    assertThat(problems)
        .extracting(PlanProblem::field)
        .containsExactly("waits.maxWait", "waits.pollInterval", "waits.stableFor", "waits.stallAfter");
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).contains("must be a positive duration"));
  }

  @Test
  void durationsBeyondAYearAreProblemsOnTheirFields() {
    MigrationPlan plan =
        Plans.valid()
            .waits(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofDays(366), Duration.ofMillis(Long.MAX_VALUE))
            .build();

    List<PlanProblem> problems = validator.validate(plan);

    assertThat(problems).extracting(PlanProblem::field).containsExactly("waits.maxWait", "waits.stallAfter");
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).isEqualTo("must be at most 365d"));
  }

  @Test
  void stableForShorterThanPollIntervalIsAProblem() {
    MigrationPlan plan =
        Plans.valid().waits(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofMinutes(2)).build();

    assertThat(validator.validate(plan)).extracting(PlanProblem::field).containsExactly("waits.stableFor");
  }

  @Test
  void stallAfterShorterThanTwoPollIntervalsIsAProblem() {
    MigrationPlan plan =
        Plans.valid().waits(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(15)).build();

    assertThat(validator.validate(plan)).extracting(PlanProblem::field).containsExactly("waits.stallAfter");
  }

  @Test
  void duplicateClientNamesAreAProblemOnTheSecondClientsName() {
    MigrationPlan plan =
        Plans.valid().clients(producer("app"), consumer("app", "orders-consumer")).build();

    List<PlanProblem> problems = validator.validate(plan);

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("clients[1].name");
      assertThat(p.message()).contains("client 'app' is listed twice");
    });
  }

  @Test
  void consumerClientWithoutConsumerGroupIsAProblem() {
    MigrationPlan plan = Plans.valid().clients(producer("p"), consumer("reader", null)).build();

    List<PlanProblem> problems = validator.validate(plan);

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("clients[1].consumerGroup");
      assertThat(p.message()).contains("must name its consumer group");
    });
  }

  @Test
  void consumerGroupNotListedInConsumerGroupsIsAProblem() {
    MigrationPlan plan = Plans.valid().clients(producer("p"), consumer("reader", "billing")).build();

    List<PlanProblem> problems = validator.validate(plan);

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("clients[1].consumerGroup");
      assertThat(p.message()).contains("group 'billing' is not in consumerGroups");
    });
  }

  @Test
  void producerClientWithAConsumerGroupIsAProblem() {
    MigrationPlan plan =
        Plans.valid()
            .clients(new ClientGroup("p", ClientRole.PRODUCER, RepointStrategy.ROUTING, "orders-consumer"))
            .build();

    assertThat(validator.validate(plan)).extracting(PlanProblem::field).containsExactly("clients[0].consumerGroup");
  }

  @Test
  void consumerGroupListedTwiceIsAProblem() {
    assertThat(validator.validate(Plans.valid().consumerGroups("orders-consumer", "orders-consumer").build()))
        .extracting(PlanProblem::field)
        .containsExactly("consumerGroups[1]");
  }

  @Test
  void bothTopicsAndTopicPatternIsAProblemOnTopics() {
    List<PlanProblem> problems = validator.validate(Plans.valid().topicPattern("orders.*").build());

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("topics");
      assertThat(p.message()).contains("not both");
    });
  }

  @Test
  void neitherTopicsNorTopicPatternIsAProblemOnTopics() {
    assertThat(validator.validate(Plans.valid().noTopics().build()))
        .extracting(PlanProblem::field)
        .containsExactly("topics");
  }

  @Test
  void invalidRegularExpressionIsAProblemOnTopicPattern() {
    List<PlanProblem> problems = validator.validate(Plans.valid().noTopics().topicPattern("orders[").build());

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("topicPattern");
      assertThat(p.message()).contains("not a valid regular expression");
    });
  }

  @Test
  void planWithoutAProducerClientIsAProblemOnClients() {
    MigrationPlan plan = Plans.valid().clients(consumer("reader", "orders-consumer")).build();

    List<PlanProblem> problems = validator.validate(plan);

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("clients");
      assertThat(p.message()).contains("role producer");
    });
  }

  @Test
  void planWithoutClientsIsAProblemOnClients() {
    MigrationPlan plan = Plans.valid().clients().build();

    assertThat(validator.validate(plan)).extracting(PlanProblem::field).contains("clients");
  }

  @Test
  void clientWithoutRoleOrWithIllegalNameIsAProblemOnThatClient() {
    MigrationPlan plan =
        Plans.valid()
            .clients(producer("p"), new ClientGroup("bad name", null, null, null))
            .build();

    assertThat(validator.validate(plan))
        .extracting(PlanProblem::field)
        .containsExactlyInAnyOrder("clients[1].name", "clients[1].role");
  }

  @Test
  void missingNameAndSchemeAreProblemsOnTheirFields() {
    Plans plans = Plans.valid();
    plans.name = null;
    plans.scheme = null;

    assertThat(validator.validate(plans.build()))
        .extracting(PlanProblem::field)
        .containsExactly("name", "scheme");
  }

  @Test
  void gateTimeoutMustBePositive() {
    MigrationPlan plan =
        Plans.valid()
            .gates(new Gates(new GateConfig(true, Duration.ZERO, GateTimeoutAction.ABORT), null))
            .build();

    assertThat(validator.validate(plan))
        .extracting(PlanProblem::field)
        .containsExactly("gates.producer-cutover.timeout");
  }

  @Test
  void abortOnConsumerCutoverTimeoutIsAProblem() {
    MigrationPlan plan =
        Plans.valid()
            .gates(new Gates(null, new GateConfig(true, Duration.ofHours(1), GateTimeoutAction.ABORT)))
            .build();

    List<PlanProblem> problems = validator.validate(plan);

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("gates.consumer-cutover.onTimeout");
      assertThat(p.message()).contains("keep-waiting");
    });
  }

  @Test
  void abortOnProducerCutoverTimeoutIsAllowed() {
    MigrationPlan plan =
        Plans.valid()
            .gates(new Gates(new GateConfig(true, Duration.ofHours(1), GateTimeoutAction.ABORT), null))
            .build();

    assertThat(validator.validate(plan)).isEmpty();
  }

  @Test
  void anOverLongClusterNameOrGroupIsRefusedWithoutEchoingItWhole() {
    List<PlanProblem> problems = validator.validate(Plans.valid().source("s".repeat(100_000)).consumerGroups("g".repeat(300)).build());

    assertThat(problems).extracting(PlanProblem::field).contains("source", "consumerGroups[0]");
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).hasSizeLessThan(300));
  }

  @Test
  void aPlanLargerThanOneMebibyteAsJsonIsRefused() {
    // Short names in a flow list grow by half in JSON's quotes: 300,000 of them pass as text, not as JSON.
    String[] topics = java.util.stream.IntStream.range(0, 150_000).mapToObj(i -> "t" + Integer.toString(i, 36)).toArray(String[]::new);
    List<PlanProblem> problems = validator.validate(Plans.valid().topics(topics).build());

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("(plan)");
      assertThat(p.message()).contains("bytes as JSON, more than 1024 KiB");
    });
  }

  @Test
  void anInvalidPlansMessageListsAHundredProblemsAndCountsTheRest() {
    String[] topics = java.util.Collections.nCopies(520, "orders").toArray(String[]::new);
    InvalidPlanException e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidPlanException.class,
        () -> validator.requireValid(Plans.valid().topics(topics).build()));

    assertThat(e.problems()).hasSize(519);
    assertThat(e.getMessage()).endsWith("; and 419 more");
    assertThat(e.getMessage().split("; ")).as("a hundred problems, then the count").hasSize(101);
  }
}
