package io.kmigrate.api.cli;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.kmigrate.api.KmigrateConfiguration;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * Dropwizard's {@code server} command, reporting a failed start (busy port, bad config) in one
 * line; {@code --no-worker} runs the API alone, beside workers started with {@code kmigrate worker}.
 */
public class KmigrateServerCommand extends ServerCommand<KmigrateConfiguration> {
  public KmigrateServerCommand(Application<KmigrateConfiguration> application) {
    super(application);
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--no-worker").dest("no_worker").action(Arguments.storeTrue())
        .help("run the REST API without a worker in its process (workers run as `kmigrate worker`)");
  }

  @Override
  protected void run(Bootstrap<KmigrateConfiguration> bootstrap, Namespace namespace, KmigrateConfiguration configuration)
      throws Exception {
    if (Boolean.TRUE.equals(namespace.getBoolean("no_worker"))) {
      configuration.worker = false;
    }
    super.run(bootstrap, namespace, configuration);
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    cli.getStdErr().println(StartupErrors.oneLine("server", e));
  }
}
