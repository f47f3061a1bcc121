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

  @Test
  void aWebhookTheConfigurationDoesNotAllowIsAProblemOnItsField() throws Exception {
    Path config = Files.createTempFile("kmigrate", ".yml");
    Files.writeString(config, "webhooks:\n  allowedUrls: ['https://deploy.example.com/hooks/']\n  allowedNetworks: []\n");
    String client = "  - {name: p, role: producer, strategy: webhook, webhook: {url: '%s'}}";
    String plan = "name: hooks\nscheme: production-first\nsource: source\ntarget: target\ntopics: [orders]\nclients:\n";

    Optional<Throwable> internal = run("plan", "validate", plan(plan + client.formatted("http://127.0.0.1:8081/tasks/gc")).toString(),
        "-c", config.toString());

    assertThat(internal).isPresent();
    assertThat(out.toString().strip()).startsWith("clients[0].webhook.url: 'http://127.0.0.1:8081/tasks/gc' is not an allowed destination");
  }

  @Test
  void aLongListOfProblemsPrintsAHundredAndCountsTheRest() throws Exception {
    String topics = String.join(",", java.util.Collections.nCopies(500, "a"));
    Path file = plan("name: many\nscheme: production-first\nsource: source\ntarget: target\ntopics: [" + topics + "]\n"
        + "clients: [{name: p, role: producer}]\n");

    assertThat(run("plan", "validate", file.toString())).isPresent();
    assertThat(out.toString().lines()).hasSize(101).last().isEqualTo("... and 399 more problem(s)");
  }
}
