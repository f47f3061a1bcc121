package io.kmigrate.activities.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The store: a pooled JDBC data source, its schema brought up to date by Flyway, and a Jdbi over
 * it. Closing it closes the pool.
 */
public final class Database implements AutoCloseable {
  private final Jdbi jdbi;
  private final String url;
  private final HikariDataSource pool;

  private Database(String url, HikariDataSource pool) {
    this.url = url;
    this.pool = pool;
    this.jdbi = Jdbi.create(pool);
  }

  /** Opens {@code url} and applies pending migrations. */
  public static Database open(String url, String user, String password) {
    return open(url, user, password, true);
  }

  /** Opens {@code url}; with {@code migrate}, applies pending Flyway migrations first. */
  public static Database open(String url, String user, String password, boolean migrate) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(8);
    config.setPoolName("kmigrate-store");
    HikariDataSource pool = new HikariDataSource(config);
    try {
      if (migrate) {
        flyway(pool).migrate();
      }
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(url, pool);
  }

  private static Flyway flyway(javax.sql.DataSource dataSource) {
    return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
  }

  /** The schema version Flyway last applied, or "none". */
  public String schemaVersion() {
    var current = flyway(pool).info().current();
    return current == null ? "none" : current.getVersion().getVersion();
  }

  @Override
  public void close() {
    pool.close();
  }

  /** H2 in a file under {@code dir}, as the embedded default keeps it. */
  public static String h2FileUrl(java.nio.file.Path dir) {
    return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("kmigrate") + ";AUTO_SERVER=FALSE;DB_CLOSE_DELAY=0";
  }

  /**
   * The same H2 file, shareable by several processes: the first to open it serves it to the
   * others over a loopback TCP port it records beside the file (H2's AUTO_SERVER mode).
   */
  public static String h2SharedFileUrl(java.nio.file.Path dir) {
    return h2FileUrl(dir).replace("AUTO_SERVER=FALSE", "AUTO_SERVER=TRUE");
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
