package io.kmigrate.api;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.kmigrate.localstack.Ports;
import java.util.ArrayList;
import java.util.List;

/**
 * The application on the embedded default (in-memory Temporal, two local KRaft clusters, H2) for
 * one test class: free ports, a fresh data directory, WARN logs.
 */
final class EmbeddedApp {
  private EmbeddedApp() {}

  /** @param more settings beyond those, e.g. another database */
  static DropwizardAppExtension<KmigrateConfiguration> extension(ConfigOverride... more) {
    List<ConfigOverride> overrides = new ArrayList<>(List.of(
        ConfigOverride.config("server.applicationConnectors[0].port", "0"),
        ConfigOverride.config("server.adminConnectors[0].port", "0"),
        ConfigOverride.config("temporal.embeddedPort", Integer.toString(Ports.free())),
        ConfigOverride.config("dataDir", MigrationsResourceTest.tempDir()),
        ConfigOverride.config("logging.level", "WARN")));
    overrides.addAll(List.of(more));
    return new DropwizardAppExtension<>(KmigrateApplication.class, null, overrides.toArray(ConfigOverride[]::new));
  }
}
