package io.kmigrate.worker.settings;

import io.kmigrate.activities.store.Database;
import java.nio.file.Path;

/**
 * The store's JDBC URL; empty means H2 in a file under the data directory. The password may be a
 * secret reference, {@code ${env:NAME}} or {@code ${file:/path}}.
 */
public class DatabaseSettings {
  public String url;
  public String user = "sa";
  public String password = "";
  /** Apply pending Flyway migrations when the server or worker starts (else: `kmigrate db migrate`). */
  public boolean migrateOnStart = true;
  /**
   * How long a use of the store waits for a connection before failing with the reason. A store
   * that is down at start does not stop the server: its health check fails and store reads answer
   * 503 until it is back.
   */
  public String connectTimeout = "3s";

  /** The JDBC URL to use: the configured one, or H2 in a file under {@code dataDir}. */
  public String urlOrDefault(Path dataDir) {
    return url == null || url.isBlank() ? Database.h2FileUrl(dataDir) : url;
  }
}
