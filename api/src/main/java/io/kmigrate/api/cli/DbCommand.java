package io.kmigrate.api.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.activities.store.Database;
import io.kmigrate.api.KmigrateConfiguration;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code kmigrate db migrate [config.yml]}: applies the store's Flyway migrations and prints the version. */
public class DbCommand extends ConfiguredCommand<KmigrateConfiguration> {
  private final PrintStream out;

  public DbCommand() {
    this(System.out);
  }

  public DbCommand(PrintStream out) {
    super("db", "Database tasks: 'db migrate [config.yml]' applies the store's migrations (H2 or PostgreSQL)");
    this.out = out;
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("action").choices("migrate").help("what to do with the database");
    super.configure(subparser);
  }

  @Override
  protected void run(Bootstrap<KmigrateConfiguration> bootstrap, Namespace namespace, KmigrateConfiguration config) throws Exception {
    Path dataDir = Path.of(config.dataDir);
    Files.createDirectories(dataDir);
    String url = config.database.urlOrDefault(dataDir);
    String password = SecretResolver.fromEnvironment().resolve("database.password", config.database.password);
    try (Database db = Database.open(url, config.database.user, password, true)) {
      out.println("database " + url + " is at schema version " + db.schemaVersion());
    }
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    cli.getStdErr().println(StartupErrors.oneLine("db migrate", e));
  }
}
