package io.kmigrate.api;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Over-long decisions against the store on PostgreSQL (127.0.0.1:5432, database test, trust auth;
 * KMIGRATE_TEST_PG_URL / KMIGRATE_TEST_PG_USER override), in a schema of its own. The H2 run of the
 * same contract is {@link SecurityProbesTest}. Skipped, saying why, where PostgreSQL does not answer.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OverlongDecisionsOnPostgresTest extends OverlongDecisionsContract {
  static final String PG_URL = System.getenv().getOrDefault("KMIGRATE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String PG_USER = System.getenv().getOrDefault("KMIGRATE_TEST_PG_USER", "postgres");
  static final String SCHEMA = "kmigrate_overlong_" + System.nanoTime();
  static final String PROBLEM = createSchema();

  static final DropwizardAppExtension<KmigrateConfiguration> APP = EmbeddedApp.extension(
      ConfigOverride.config("database.url", PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA),
      ConfigOverride.config("database.user", PG_USER));

  /** The schema must exist before the app starts (Flyway migrates into it); null when it does, else why not. */
  private static String createSchema() {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
      c.createStatement().execute("create schema " + SCHEMA);
      return null;
    } catch (SQLException e) {
      return "no PostgreSQL at " + PG_URL + " (" + e.getMessage() + "): start it, or set KMIGRATE_TEST_PG_URL";
    }
  }

  @Override
  DropwizardAppExtension<KmigrateConfiguration> app() {
    return APP;
  }

  @BeforeAll
  static void postgresAnswersAndTheSourceHasATopicAndAGroup() throws Exception {
    Assumptions.assumeTrue(PROBLEM == null, PROBLEM);
    createTopicAndGroup(APP);
  }

  @AfterAll
  static void dropTheSchema() {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
      c.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
    } catch (SQLException e) {
      // no PostgreSQL: nothing was created
    }
  }
}
