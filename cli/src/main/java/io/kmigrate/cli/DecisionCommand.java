package io.kmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.cli.api.KmigrateApi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Approve or reject a gate. The decision names the opening it answers (the gate's openedAt, read
 * first): a decision typed for an opening that has since closed and reopened is refused (409)
 * rather than applied to the new one.
 */
abstract class DecisionCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "the migration's id (its plan's name)")
  String id;

  @Parameters(index = "1", paramLabel = "GATE", description = "the open gate, e.g. producer-cutover")
  String gate;

  @Option(names = {"-m", "--message"}, required = true, paramLabel = "COMMENT", description = "why: kept in the audit log")
  String comment;

  @Mixin
  ByOption by;

  @Mixin
  OutputOption output;

  DecisionCommand(Session session) {
    super(session);
  }

  abstract boolean approve();

  @Override
  public Integer call() {
    KmigrateApi api = api();
    JsonNode open = api.view(id).path("progress").path("openGate");
    String openedAt = gate.equals(open.path("name").asText()) ? open.path("openedAt").asText(null) : null;
    JsonNode decided = api.decide(id, gate, approve(), by.who(session), comment, openedAt);
    if (output.json()) {
      printJson(decided);
    } else {
      session.out().println(decided.path("action").asText(approve() ? "approved" : "rejected").toLowerCase() + " " + gate + " of " + id
          + " by " + decided.path("by").asText() + " at " + decided.path("at").asText());
    }
    return ExitCode.OK.code();
  }
}
