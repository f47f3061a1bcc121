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

/** {@code kmigrate worker} refuses a bad Temporal security setting in one line naming it, before it starts anything. */
class WorkerCommandTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  Optional<Throwable> run(String... args) {
    Bootstrap<KmigrateConfiguration> bootstrap = new Bootstrap<>(new KmigrateApplication());
    bootstrap.addCommand(new WorkerCommand());
    return new Cli(new JarLocation(getClass()), bootstrap, new PrintStream(out, true), new PrintStream(err, true)).run(args);
  }

  @Test
  void aTlsCertificateWithoutItsKeyIsOneLineNamingTheSetting() throws Exception {
    Path dir = Files.createTempDirectory("kmigrate-worker");
    Path cert = Files.writeString(dir.resolve("client.pem"), "not used: the key is missing first");
    Path config = dir.resolve("kmigrate.yml");
    Files.writeString(config, String.join("\n",
        "dataDir: " + dir.resolve("data"),
        "temporal: {address: '127.0.0.1:1', tls: {certFile: '" + cert + "'}}",
        "logging: {level: 'OFF'}",
        ""));

    assertThat(run("worker", config.toString())).isPresent();
    assertThat(err.toString().strip()).isEqualTo("kmigrate worker failed: temporal.tls.keyFile is not set: "
        + "mutual TLS needs both certFile and keyFile (or neither, for server-only TLS)");
    assertThat(out.toString()).doesNotContain("polling");
  }
}
