package io.kmigrate.api.cli;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.ServerCommand;
import io.kmigrate.api.KmigrateConfiguration;
import net.sourceforge.argparse4j.inf.Namespace;

/** Dropwizard's {@code server} command, reporting a failed start (busy port, bad config) in one line. */
public class KmigrateServerCommand extends ServerCommand<KmigrateConfiguration> {
  public KmigrateServerCommand(Application<KmigrateConfiguration> application) {
    super(application);
  }

  @Override
  public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
    cli.getStdErr().println(StartupErrors.oneLine("server", e));
  }
}
