package io.kmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.cli.api.KmigrateApi;
import io.kmigrate.cli.campaign.CampaignFile;
import io.kmigrate.cli.campaign.CampaignText;
import io.kmigrate.cli.watch.ViewText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "campaigns", description = "Start, show and steer campaigns: many migrations in waves, each wave started by a person.",
    subcommands = {CampaignsCommand.Start.class, CampaignsCommand.Listing.class, CampaignsCommand.Show.class,
        CampaignsCommand.Approve.class, CampaignsCommand.Stop.class, CampaignsCommand.Abort.class})
final class CampaignsCommand {
  @Command(name = "start", description = {"Starts a campaign from its file (YAML or JSON).",
      "Plans named as files (as discover writes them) are read, relative to the campaign file, and sent inline."},
      footer = {"%nExample:", "  kmigrate campaigns start discovered-source/campaign.yaml"})
  static final class Start extends ClientCommand {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the campaign file")
    Path file;

    @Mixin
    OutputOption output;

    Start(Session session) {
      super(session);
    }

    @Override
    public Integer call() throws IOException {
      JsonNode campaign;
      try {
        campaign = CampaignFile.read(file);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      JsonNode started = api().startCampaign(campaign);
      if (output.json()) {
        printJson(started);
      } else {
        String id = started.path("id").asText();
        session.out().println("started campaign " + id + " (" + started.path("waves").size() + " wave(s)); wave 1 waits for approval:");
        session.out().println("  kmigrate campaigns show " + id + "   |   kmigrate campaigns approve " + id + " 1 -m 'why'");
      }
      return ExitCode.OK.code();
    }
  }

  @Command(name = "list", description = "Lists the newest campaigns (at most 200) with their status.",
      footer = {"%nExample:", "  kmigrate campaigns list -o json"})
  static final class Listing extends ClientCommand {
    @Mixin
    OutputOption output;

    Listing(Session session) {
      super(session);
    }

    @Override
    public Integer call() {
      JsonNode list = api().campaigns();
      if (output.json()) {
        printJson(list);
        return ExitCode.OK.code();
      }
      Table table = new Table("ID", "STATUS", "UNITS", "WAVES", "ON FAILURE", "STARTED BY", "CREATED");
      for (JsonNode c : list) {
        table.row(c.path("id").asText(), c.path("status").asText("?"), c.path("units").asInt(), c.path("waves").asInt(),
            c.path("onFailure").asText(), c.path("startedBy").asText(), ViewText.time(c.path("createdAt")));
      }
      if (table.isEmpty()) {
        session.out().println("no campaigns yet");
      } else {
        table.lines().forEach(session.out()::println);
      }
      return ExitCode.OK.code();
    }
  }

  @Command(name = "show", description = "Shows a campaign: its status, the open wave, every unit by wave with its status, phase and gate.",
      footer = {"%nExample:", "  kmigrate campaigns show source-to-target"})
  static final class Show extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "the campaign's id (its name)")
    String id;

    @Mixin
    OutputOption output;

    Show(Session session) {
      super(session);
    }

    @Override
    public Integer call() {
      JsonNode view = api().campaign(id);
      if (output.json()) {
        printJson(view);
      } else {
        CampaignText.lines(view).forEach(session.out()::println);
      }
      return ExitCode.OK.code();
    }
  }

  /** A wave's decision: the campaign, the wave (from 1), why, and who when the API runs open. */
  abstract static class WaveCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "the campaign's id (its name)")
    String id;

    @Parameters(index = "1", paramLabel = "WAVE", description = "the open wave, counted from 1")
    int wave;

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "COMMENT", description = "why: kept in the campaign's audit log")
    String comment;

    @Mixin
    ByOption by;

    @Mixin
    OutputOption output;

    WaveCommand(Session session) {
      super(session);
    }

    abstract boolean approve();

    List<String> skip() {
      return List.of();
    }

    @Override
    public Integer call() {
      JsonNode decided = api().decideWave(id, wave, approve(), by.who(session), comment, skip());
      if (output.json()) {
        printJson(decided);
      } else {
        session.out().println((approve() ? "approved" : "stopped at") + " wave " + wave + " of " + id + " by " + decided.path("by").asText()
            + " at " + decided.path("at").asText());
      }
      return ExitCode.OK.code();
    }
  }

  @Command(name = "approve", description = "Starts the open wave's units (but those named with --skip).",
      footer = {"%nExamples:", "  kmigrate campaigns approve source-to-target 1 -m 'canary'",
          "  kmigrate campaigns approve source-to-target 2 --skip move-billing -m 'billing moves next week'"})
  static final class Approve extends WaveCommand {
    @Option(names = "--skip", paramLabel = "UNIT", description = "a unit of this wave to leave out (repeat for more)")
    List<String> skip = new ArrayList<>();

    Approve(Session session) {
      super(session);
    }

    @Override
    boolean approve() {
      return true;
    }

    @Override
    List<String> skip() {
      return skip;
    }
  }

  @Command(name = "stop", description = "Ends the campaign at the open wave: it and the waves after it never start.",
      footer = {"%nExample:", "  kmigrate campaigns stop source-to-target 2 -m 'enough for today'"})
  static final class Stop extends WaveCommand {
    Stop(Session session) {
      super(session);
    }

    @Override
    boolean approve() {
      return false;
    }
  }

  @Command(name = "abort", description = "Aborts a campaign: its running units are aborted and roll back; no further wave starts.",
      footer = {"%nExample:", "  kmigrate campaigns abort source-to-target -m 'target degraded'"})
  static final class Abort extends AbortingCommand {
    Abort(Session session) {
      super(session);
    }

    @Override
    JsonNode abort(KmigrateApi api, String who) {
      return api.abortCampaign(id, who, reason);
    }
  }
}
