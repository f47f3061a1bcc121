package io.kmigrate.cli;

import picocli.CommandLine.Command;

@Command(name = "reject", description = "Rejects a migration's open gate: what rejecting means (roll back, check again) is in 'migrations show ID'.",
    footer = {"%nExample:", "  kmigrate reject orders-move consumer-cutover -m 'lag alarms on orders-app'"})
final class RejectCommand extends DecisionCommand {
  RejectCommand(Session session) {
    super(session);
  }

  @Override
  boolean approve() {
    return false;
  }
}
