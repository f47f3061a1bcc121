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

/** {@code kmigrate plan validate FILE}: every problem on its own line with its field, exit 1. */
class PlanCommandTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  Optional<Throwable> run(String... args) {
    Bootstrap<KmigrateConfiguration> bootstrap = new Bootstrap<>(new KmigrateApplication());
    bootstrap.addCommand(new PlanCommand(new PrintStream(out, true)));
    return new Cli(new JarLocation(getClass()), bootstrap, new PrintStream(out, true), new PrintStream(err, true)).run(args);
  }

  static Path plan(String text) throws Exception {
    Path file = Files.createTempFile("plan", ".yaml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aValidExamplePlanPassesWithASummary() {
    Optional<Throwable> failure = run("plan", "validate", Path.of("../config/examples/production-first.yaml").toString());

    assertThat(failure).isEmpty();
    assertThat(out.toString()).contains("is valid", "production-first");
  }

  @Test
  void everyProblemIsPrintedOnItsOwnLineWithItsFieldAndTheCommandFails() throws Exception {
    Path file = plan(String.join("\n",
        "name: bad plan",
        "scheme: production-first",
        "source: source",
        "target: source",
        "topics: [ok, 'not ok!']",
        "clients:",
        "  - {name: c, role: consumer}",
        "waits: {pollInterval: 0s}"));

    Optional<Throwable> failure = run("plan", "validate", file.toString());

    assertThat(failure).isPresent();
    assertThat(out.toString().lines())
        .anyMatch(l -> l.startsWith("name: "))
        .anyMatch(l -> l.startsWith("target: must differ from source"))
        .anyMatch(l -> l.startsWith("topics[1]: "))
        .anyMatch(l -> l.startsWith("clients[0].consumerGroup: "))
        .anyMatch(l -> l.startsWith("waits.pollInterval: "));
    assertThat(err.toString()).doesNotContain("Exception");
  }

  @Test
  void aTypoInAFieldNameIsNamed() throws Exception {
    Path file = plan("name: x\nscheme: production-first\nsoruce: source\n");

    assertThat(run("plan", "validate", file.toString())).isPresent();
    assertThat(out.toString()).contains("soruce");
  }

  @Test
  void aMissingFileIsOneLineNotAStackTrace() {
    assertThat(run("plan", "validate", "/no/such/plan.yaml")).isPresent();
    assertThat(out.toString().strip()).isEqualTo("(file): no such file: /no/such/plan.yaml");
  }
}
