package io.kmigrate.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import io.kmigrate.api.KmigrateApplication;
import io.kmigrate.api.KmigrateConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code kmigrate db migrate [config.yml]} brings the store's schema up to date and says to which version. */
class DbCommandTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  Optional<Throwable> run(String... args) {
    Bootstrap<KmigrateConfiguration> bootstrap = new Bootstrap<>(new KmigrateApplication());
    bootstrap.addCommand(new DbCommand(new PrintStream(out, true)));
    return new Cli(new JarLocation(getClass()), bootstrap, new PrintStream(out, true), new PrintStream(err, true)).run(args);
  }

  @Test
  void migratesTheDefaultH2StoreUnderTheDataDirAndIsHarmlessTwice() throws Exception {
    Path dir = Files.createTempDirectory("kmigrate-db");
    Path config = dir.resolve("kmigrate.yml");
    Files.writeString(config, "dataDir: " + dir.resolve("data") + "\nlogging:\n  level: WARN\n");

    assertThat(run("db", "migrate", config.toString())).isEmpty();
    assertThat(run("db", "migrate", config.toString())).isEmpty();

    assertThat(out.toString()).contains("is at schema version 4");
    assertThat(Files.list(dir.resolve("data"))).anyMatch(p -> p.getFileName().toString().startsWith("kmigrate"));
  }

  @Test
  void anUnreachableDatabaseIsOneLineNotAStackTrace() throws Exception {
    Path config = Files.createTempFile("kmigrate", ".yml");
    Files.writeString(config, "database:\n  url: jdbc:postgresql://127.0.0.1:1/none\n  user: nobody\nlogging:\n  level: 'OFF'\n");

    assertThat(run("db", "migrate", config.toString())).isPresent();
    assertThat(err.toString().strip()).startsWith("kmigrate db migrate failed: ").doesNotContain("\n\tat ");
  }
}
