package io.kmigrate.activities.store;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** The store: a JDBC URL, its schema brought up to date by Flyway, and a Jdbi over it. */
public final class Database {
  private final Jdbi jdbi;
  private final String url;

  private Database(String url, Jdbi jdbi) {
    this.url = url;
    this.jdbi = jdbi;
  }

  /** Opens {@code url} and applies pending migrations. */
  public static Database open(String url, String user, String password) {
    Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
    return new Database(url, Jdbi.create(url, user, password));
  }

  /** H2 in a file under {@code dir}, as the embedded default keeps it. */
  public static String h2FileUrl(java.nio.file.Path dir) {
    return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("kmigrate") + ";AUTO_SERVER=FALSE;DB_CLOSE_DELAY=0";
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public String url() {
    return url;
  }

  /** True when the database answers a trivial query. */
  public boolean ping() {
    return jdbi.withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one()) == 1;
  }
}
