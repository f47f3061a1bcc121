package io.kmigrate.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmigrate.cli.ExitCode;

/**
 * Where a migration stands, from its view: still running, or ended and how. The progress' status
 * says how it ended; Temporal's status covers a workflow that ended without answering (terminated).
 */
public record MigrationOutcome(String status) {
  public static MigrationOutcome of(JsonNode view) {
    String progress = view.path("progress").path("status").asText("");
    String workflow = view.path("workflowStatus").asText("");
    if (!progress.isEmpty() && !progress.equals("RUNNING") && !progress.equals("WAITING_FOR_APPROVAL")) {
      return new MigrationOutcome(progress);
    }
    if (!workflow.isEmpty() && !workflow.equals("RUNNING")) {
      return new MigrationOutcome(workflow);
    }
    return new MigrationOutcome(progress.isEmpty() ? "RUNNING" : progress);
  }

  public boolean ended() {
    return !status.equals("RUNNING") && !status.equals("WAITING_FOR_APPROVAL");
  }

  public ExitCode exitCode() {
    return status.equals("COMPLETED") ? ExitCode.OK : ExitCode.NOT_COMPLETED;
  }
}
