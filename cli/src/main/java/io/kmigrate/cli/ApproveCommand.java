package io.kmigrate.cli;

import picocli.CommandLine.Command;

@Command(name = "approve", description = "Approves a migration's open gate: what approving means is in 'migrations show ID'.",
    footer = {"%nExample:", "  kmigrate approve orders-move producer-cutover -m 'deploy 4512 is out; go'"})
final class ApproveCommand extends DecisionCommand {
  ApproveCommand(Session session) {
    super(session);
  }

  @Override
  boolean approve() {
    return true;
  }
}
