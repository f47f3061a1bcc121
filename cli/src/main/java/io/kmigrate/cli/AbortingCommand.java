package io.kmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.cli.api.KmigrateApi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** An abort, of a migration or a campaign: its id, why, and who when the API runs open. */
abstract class AbortingCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "its id (the plan's or the campaign's name)")
  String id;

  @Option(names = {"-m", "--message"}, required = true, paramLabel = "REASON", description = "why: kept in the audit log")
  String reason;

  @Mixin
  ByOption by;

  @Mixin
  OutputOption output;

  AbortingCommand(Session session) {
    super(session);
  }

  /** The API's answer to the abort. */
  abstract JsonNode abort(KmigrateApi api, String who);

  @Override
  public Integer call() {
    JsonNode answer = abort(api(), by.who(session));
    if (output.json()) {
      printJson(answer);
    } else {
      session.out().println(id + ": " + answer.path("result").asText());
    }
    return ExitCode.OK.code();
  }
}
