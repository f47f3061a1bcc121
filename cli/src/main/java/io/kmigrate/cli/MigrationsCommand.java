package io.kmigrate.cli;

import picocli.CommandLine.Command;

@Command(name = "migrations", description = "Start, list, show, watch and audit migrations on a running kmigrate server.",
    subcommands = {StartCommand.class, ListCommand.class, ShowCommand.class, WatchCommand.class, AuditCommand.class})
final class MigrationsCommand {}
