package io.kmigrate.workflows;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Migrations run for days, so a worker upgraded mid-migration replays histories its predecessor
 * wrote. Each history under {@code histories/} was recorded by an earlier release of the
 * workflows (named in the file's first lines below) through {@link MigrationHarness}; every one
 * must replay against today's code without a nondeterminism error. A change to what the workflow
 * schedules goes behind {@code Workflow.getVersion}, and this test is what fails when it does not.
 *
 * <p>Recorded at 1f468a6, before the audit write stopped blocking the step after a decision:
 * completed, aborted and rolled back, a gate reminder, and one still waiting at a gate.
 *
 * <p>Recorded at de916fd, before decisions were held to input limits: an update approving by a
 * 300-character name with a comment of several lines holding a control character, then a signal
 * with a 5,000-character comment. Update handlers run on replay (their validators do not), so a
 * handler that refused such a decision would wedge the migrations that took one before the upgrade.
 *
 * <p>Recorded after af9488d: a migration whose worker found kmigrate's search attributes
 * registered (it upserts phase, gate, scheme, clusters and topics), with gate principals-missing
 * approved after a recheck, and summaries on its activities and timers.
 *
 * <p>Recorded at 8d13415, before a campaign stopped awaiting each unit's audit write: two waves
 * under {@code onFailure: continue}, a unit of wave 1 rejected at its gate, wave 2 completed.
 */
class RecordedHistoriesReplayTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "production-first-completed, io.kmigrate.workflows.ProductionFirstMigrationImpl",
    "production-first-waiting-at-consumer-cutover, io.kmigrate.workflows.ProductionFirstMigrationImpl",
    "production-first-aborted-rolled-back, io.kmigrate.workflows.ProductionFirstMigrationImpl",
    "production-first-reminded, io.kmigrate.workflows.ProductionFirstMigrationImpl",
    "production-later-completed, io.kmigrate.workflows.ProductionLaterMigrationImpl",
    "mirror-then-switch-completed, io.kmigrate.workflows.MirrorThenSwitchImpl",
    "production-first-overlong-decisions, io.kmigrate.workflows.ProductionFirstMigrationImpl",
    "production-first-search-attributes-principals, io.kmigrate.workflows.ProductionFirstMigrationImpl",
    "campaign-two-waves-unit-rejected, io.kmigrate.workflows.CampaignImpl",
  })
  void aHistoryRecordedByAnEarlierReleaseReplaysAgainstTodaysWorkflow(String history, Class<?> implementation) throws Exception {
    WorkflowExecutionHistory recorded = WorkflowExecutionHistory.fromJson(read("/histories/" + history + ".json"));

    assertThatCode(() -> WorkflowReplayer.replayWorkflowExecution(recorded, implementation)).doesNotThrowAnyException();
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = RecordedHistoriesReplayTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
