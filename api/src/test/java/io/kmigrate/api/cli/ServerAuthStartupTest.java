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

/**
 * {@code kmigrate server} refuses, in one line and before it starts anything, an API that would
 * run open beside a real Temporal and a user list it cannot use.
 */
class ServerAuthStartupTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  Optional<Throwable> server(String yaml, String... flags) throws Exception {
    Path config = Files.createTempFile("kmigrate-auth", ".yml");
    Files.writeString(config, yaml + "logging:\n  level: 'OFF'\n");
    KmigrateApplication app = new KmigrateApplication();
    Bootstrap<KmigrateConfiguration> bootstrap = new Bootstrap<>(app);
    bootstrap.addCommand(new KmigrateServerCommand(app));
    String[] args = new String[flags.length + 2];
    args[0] = "server";
    System.arraycopy(flags, 0, args, 1, flags.length);
    args[args.length - 1] = config.toString();
    return new Cli(new JarLocation(getClass()), bootstrap, new PrintStream(out, true), new PrintStream(err, true)).run(args);
  }

  @Test
  void aServerBesideARealTemporalWithNoUsersRefusesToStartSayingHowToFixIt() throws Exception {
    for (String[] flags : new String[][] {{}, {"--no-worker"}}) {
      err.reset();
      assertThat(server("temporal: {address: \"127.0.0.1:1\"}\n", flags)).isPresent();

      assertThat(err.toString().strip()).isEqualTo("kmigrate server failed: auth.users is empty and temporal.address is set: "
          + "the API beside a real Temporal must not run open. Add auth.users (each a name, a token as ${env:NAME} or "
          + "${file:/path}, and roles viewer/operator/approver), or set auth.open: true to accept an open API");
    }
  }

  @Test
  void aTokenWrittenInClearRefusesTheStartNamingTheField() throws Exception {
    String yaml = "temporal: {address: \"127.0.0.1:1\"}\nauth:\n  users:\n    - {name: otto, token: s3cr3t-s3cr3t-s3cr3t, roles: [operator]}\n";

    assertThat(server(yaml)).isPresent();

    assertThat(err.toString().strip()).startsWith("kmigrate server failed: auth.users[0].token: give the token as ${env:NAME}")
        .doesNotContain("s3cr3t").doesNotContain("\n");
  }

  @Test
  void aTokenFromAnUnsetVariableRefusesTheStartNamingTheFieldAndTheVariable() throws Exception {
    String yaml = "temporal: {address: \"127.0.0.1:1\"}\nauth:\n  users:\n"
        + "    - {name: otto, token: '${env:KMIGRATE_TEST_TOKEN_THAT_IS_NOT_SET}', roles: [operator]}\n";

    assertThat(server(yaml)).isPresent();

    assertThat(err.toString().strip()).startsWith("kmigrate server failed: ")
        .contains("auth.users[0].token", "KMIGRATE_TEST_TOKEN_THAT_IS_NOT_SET", "not set");
  }

  @Test
  void aUserWithoutRolesIsAValidationErrorNamingTheField() throws Exception {
    String yaml = "auth:\n  users:\n    - {name: otto, token: '${env:X}', roles: []}\n";

    assertThat(server(yaml)).isPresent();

    assertThat(err.toString()).contains("auth.users[0].roles");
  }
}
