package io.kmigrate.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code migrations watch} draws from a migration's view, as the API returns it. */
class WatchScreensTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A view in the middle of a drain: two groups, one draining, one not. */
  static JsonNode draining(long ordersLag, long billingLag) throws Exception {
    return JSON.readTree(("""
        {"id":"orders-move","workflowStatus":"RUNNING",
         "progress":{"migrationId":"orders-move","scheme":"production-first","phase":"drain-source","status":"RUNNING",
           "topics":["orders","payments"],
           "steps":[{"name":"preflight","startedAt":"2026-12-06T14:02:01.123Z","endedAt":"2026-12-06T14:02:03.456Z","status":"done","detail":"ok"},
                    {"name":"drain-source","startedAt":"2026-12-06T14:03:10.000Z","endedAt":null,"status":"running","detail":null}]},
         "liveWait":{"eta":{"consumePerSec":300.0,"producePerSec":100.0,"lag":%d,"etaSeconds":126,
           "groups":[{"group":"orders-app","consumePerSec":250.0,"producePerSec":0.0,"lag":%d,"etaSeconds":126},
                     {"group":"billing","consumePerSec":50.0,"producePerSec":100.0,"lag":%d,"etaSeconds":null}]}}}
        """).formatted(ordersLag + billingLag, ordersLag, billingLag));
  }

  @Test
  void aDrainShowsTheStepsAsATimelineTheTotalsAndABarPerGroupWithTheServersEta() throws Exception {
    try (LagBars bars = new LagBars(110)) {
      bars.render(LiveFigures.of(draining(1000, 40)).groups());
      List<String> lines = ViewText.lines(draining(500, 40), bars);

      assertThat(lines.get(0)).isEqualTo("orders-move  production-first  RUNNING  phase drain-source");
      assertThat(lines).contains("topics: orders, payments");
      assertThat(String.join("\n", lines))
          .containsPattern("preflight\\s+done\\s+2026-12-06 14:02:01Z\\s+2026-12-06 14:02:03Z\\s+ok")
          .containsPattern("drain-source\\s+running\\s+2026-12-06 14:03:10Z\\s+-")
          .contains("drain: lag 540 · consuming 300/s · producing 100/s · drained in about 2m 06s");
      // Half the most lag seen is drained: the bar is at 50% and its ETA is the drain's 126 s.
      String orders = lines.stream().filter(l -> l.contains("orders-app")).findFirst().orElseThrow();
      assertThat(orders).contains("50%").contains("500/1000").contains("0:02:06").contains("lag 500, consuming 250/s, producing 0/s");
      String billing = lines.stream().filter(l -> l.contains("billing")).findFirst().orElseThrow();
      assertThat(billing).contains("not draining");
    }
  }

  @Test
  void aGroupFirstSeenOrNotMovingStillHasItsBar() throws Exception {
    try (LagBars bars = new LagBars(110)) {
      for (int poll = 0; poll < 2; poll++) {
        List<String> lines = bars.render(LiveFigures.of(draining(1000, 40)).groups());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("orders-app").contains("0%").contains("0/1000").contains("lag 1,000");
        assertThat(lines.get(1)).contains("billing").contains("0/40").contains("not draining");
      }
    }
  }

  @Test
  void anOpenGateSaysWhatItAsksWhatEachAnswerMeansAndTheCommandsThatDecideIt() throws Exception {
    JsonNode view = JSON.readTree("""
        {"id":"orders-move","workflowStatus":"RUNNING",
         "progress":{"scheme":"production-first","phase":"gate:producer-cutover","status":"WAITING_FOR_APPROVAL",
           "openGate":{"name":"producer-cutover","question":"Move the producers to target?","approveMeans":"producers move",
             "rejectMeans":"roll back","openedAt":"2026-12-06T14:02:05.000Z"}}}
        """);
    assertThat(ViewText.lines(view, null)).containsSubsequence(
        "gate open: producer-cutover (since 2026-12-06 14:02:05Z)",
        "  Move the producers to target?",
        "  approve: producers move",
        "  reject:  roll back",
        "  decide:  kmigrate approve orders-move producer-cutover -m 'why'   |   kmigrate reject orders-move producer-cutover -m 'why'");
    assertThat(LogScreen.summary(view)).isEqualTo("WAITING_FOR_APPROVAL  phase gate:producer-cutover  gate producer-cutover");
  }

  @Test
  void aLogGetsALineWhenTheStageChangesButNotOneForEveryMoveOfTheLag() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LogScreen log = new LogScreen(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    log.show(draining(1000, 0));
    log.show(draining(900, 0));
    log.show(draining(800, 0));
    JsonNode ended = JSON.readTree("""
        {"id":"orders-move","workflowStatus":"COMPLETED","progress":{"phase":"done","status":"COMPLETED"}}
        """);
    log.show(ended);

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).endsWith("RUNNING  phase drain-source  lag 1,000 · consuming 300/s · producing 100/s · drained in about 2m 06s");
    assertThat(lines.get(1)).endsWith("COMPLETED  phase done");
  }

  @Test
  void aTerminalRedrawsTheWholeViewInPlace() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (LagBars bars = new LagBars(110)) {
      TerminalScreen screen = new TerminalScreen(new PrintStream(bytes, true, StandardCharsets.UTF_8), bars, "every 2 s");
      screen.show(draining(1000, 0));
      screen.show(draining(900, 0));
    }
    String drawn = bytes.toString(StandardCharsets.UTF_8);
    String[] frames = drawn.split("\033\\[H\033\\[2J", -1);
    assertThat(frames).hasSize(3); // nothing before the first clear, then two whole frames
    assertThat(frames[2]).startsWith("orders-move  production-first  RUNNING").contains("orders-app").endsWith("every 2 s\n");
  }

  @Test
  void timesAreShownAsUtcWhetherTheApiSentThemAsTextOrAsSecondsSinceTheEpoch() throws Exception {
    // The migrations list sends Instants as Jackson's default, seconds with a fraction.
    assertThat(ViewText.time(JSON.readTree("1796575837.49225"))).isEqualTo("2026-12-06 16:50:37Z");
    assertThat(ViewText.time(JSON.readTree("\"2026-12-06T16:50:37.492Z\""))).isEqualTo("2026-12-06 16:50:37Z");
    assertThat(ViewText.time(JSON.readTree("null"))).isEqualTo("-");
  }

  @Test
  void anEndedMigrationExitsWithItsOutcome() throws Exception {
    assertThat(MigrationOutcome.of(JSON.readTree("{\"workflowStatus\":\"COMPLETED\",\"progress\":{\"status\":\"COMPLETED\"}}")).exitCode().code()).isZero();
    assertThat(MigrationOutcome.of(JSON.readTree("{\"workflowStatus\":\"COMPLETED\",\"progress\":{\"status\":\"ABORTED\"}}")).exitCode().code()).isEqualTo(1);
    // Terminated in Temporal: the workflow never said how it ended.
    assertThat(MigrationOutcome.of(JSON.readTree("{\"workflowStatus\":\"TERMINATED\",\"progress\":{\"status\":\"RUNNING\"}}")).status()).isEqualTo("TERMINATED");
    assertThat(MigrationOutcome.of(JSON.readTree("{\"workflowStatus\":\"RUNNING\",\"progress\":{\"status\":\"WAITING_FOR_APPROVAL\"}}")).ended()).isFalse();
  }
}
