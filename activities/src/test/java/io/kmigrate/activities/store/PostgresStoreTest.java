package io.kmigrate.activities.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The same store contract on PostgreSQL (127.0.0.1:5432, database test, trust auth; override with
 * KMIGRATE_TEST_PG_URL / KMIGRATE_TEST_PG_USER). Each test gets its own schema, dropped after the
 * class. .ci/run starts the server when it is installed; without one the class is skipped, saying why.
 */
class PostgresStoreTest extends StoreContract {
  static final String URL = System.getenv().getOrDefault("KMIGRATE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = System.getenv().getOrDefault("KMIGRATE_TEST_PG_USER", "postgres");
  static final List<String> schemas = new ArrayList<>();

  @BeforeAll
  static void postgresAnswers() {
    try (Connection c = DriverManager.getConnection(URL, USER, "")) {
      Assumptions.assumeTrue(c.isValid(5), "PostgreSQL at " + URL + " does not answer");
    } catch (SQLException e) {
      Assumptions.abort("no PostgreSQL at " + URL + " (" + e.getMessage() + "): start it, or set KMIGRATE_TEST_PG_URL");
    }
  }

  @Override
  String freshUrl() throws Exception {
    String schema = "kmigrate_test_" + System.nanoTime();
    try (Connection c = DriverManager.getConnection(URL, USER, "")) {
      c.createStatement().execute("create schema " + schema);
    }
    schemas.add(schema);
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @Override
  String user() {
    return USER;
  }

  @AfterAll
  static void dropSchemas() throws SQLException {
    if (schemas.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(URL, USER, "")) {
      for (String schema : schemas) {
        c.createStatement().execute("drop schema if exists " + schema + " cascade");
      }
    }
  }
}
