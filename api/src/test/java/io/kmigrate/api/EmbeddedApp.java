package io.kmigrate.api;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.kmigrate.worker.local.Ports;

/**
 * The application on the embedded default (in-memory Temporal, two local KRaft clusters, H2) for
 * one test class: free ports, a fresh data directory, WARN logs.
 */
final class EmbeddedApp {
  private EmbeddedApp() {}

  static DropwizardAppExtension<KmigrateConfiguration> extension() {
    return new DropwizardAppExtension<>(
        KmigrateApplication.class,
        null,
        ConfigOverride.config("server.applicationConnectors[0].port", "0"),
        ConfigOverride.config("server.adminConnectors[0].port", "0"),
        ConfigOverride.config("temporal.embeddedPort", Integer.toString(Ports.free())),
        ConfigOverride.config("dataDir", MigrationsResourceTest.tempDir()),
        ConfigOverride.config("logging.level", "WARN"));
  }
}
