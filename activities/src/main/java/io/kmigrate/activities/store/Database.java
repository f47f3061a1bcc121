package io.kmigrate.activities.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.kmigrate.activities.Causes;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

/**
 * The store: a pooled JDBC data source, its schema brought up to date by Flyway, and a Jdbi over
 * it. Closing it closes the pool.
 *
 * <p>{@link #open} insists on a reachable database (the {@code db migrate} command, tests).
 * {@link #openWhenReachable} is for the server and worker: a database that is down at start must
 * not keep them down, because migrations in flight live in Temporal, not here. The pool then starts
 * empty, every use fails fast with the reason, and the schema is migrated on the first use that
 * reaches the database.
 */
public final class Database implements AutoCloseable {
  /** How long one use waits for a connection before it fails with the reason (the API answers 503). */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private final Jdbi jdbi;
  private final String url;
  private final HikariDataSource pool;
  private final RouteChanges routeChanges = new RouteChanges();
  private volatile boolean schemaPending;

  private Database(String url, HikariDataSource pool, boolean schemaPending) {
    this.url = url;
    this.pool = pool;
    this.schemaPending = schemaPending;
    this.jdbi = Jdbi.create(() -> {
      migrateIfPending();
      return pool.getConnection();
    });
  }

  /** Opens {@code url} and applies pending migrations. */
  public static Database open(String url, String user, String password) {
    return open(url, user, password, true);
  }

  /** Opens {@code url}; with {@code migrate}, applies pending Flyway migrations first. Fails when unreachable. */
  public static Database open(String url, String user, String password, boolean migrate) {
    HikariDataSource pool = new HikariDataSource(poolConfig(url, user, password, DEFAULT_CONNECT_TIMEOUT, 1));
    try {
      if (migrate) {
        flyway(pool).migrate();
      }
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(url, pool, false);
  }

  /**
   * Opens {@code url} whether or not it answers now. With {@code migrate}, pending migrations are
   * applied now when it answers, else on the first use that reaches it; until then every use fails
   * with a {@link java.sql.SQLTransientConnectionException} naming the cause.
   */
  public static Database openWhenReachable(String url, String user, String password, boolean migrate, Duration connectTimeout) {
    // initializationFailTimeout -1: the pool starts without a first connection instead of throwing.
    Database db = new Database(url, new HikariDataSource(poolConfig(url, user, password, connectTimeout, -1)), migrate);
    try {
      db.migrateIfPending();
    } catch (SQLTransientConnectionException e) {
      LoggerFactory.getLogger(Database.class).warn(
          "the store at {} does not answer ({}); starting anyway: its health check fails and store reads answer 503 "
              + "until it does, migrations in flight go on in Temporal", redacted(url), e.getMessage());
    }
    return db;
  }

  private static HikariConfig poolConfig(String url, String user, String password, Duration connectTimeout, long initFailTimeout) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(8);
    config.setPoolName("kmigrate-store");
    config.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
    config.setInitializationFailTimeout(initFailTimeout);
    return config;
  }

  private void migrateIfPending() throws SQLTransientConnectionException {
    if (!schemaPending) {
      return;
    }
    synchronized (this) {
      if (!schemaPending) {
        return;
      }
      try {
        flyway(pool).migrate();
        schemaPending = false;
      } catch (FlywayException e) {
        throw new SQLTransientConnectionException("schema not migrated yet: " + Causes.root(e).getMessage(), e);
      }
    }
  }

  private static Flyway flyway(DataSource dataSource) {
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
  public static String h2FileUrl(Path dir) {
    return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("kmigrate") + ";AUTO_SERVER=FALSE;DB_CLOSE_DELAY=0";
  }

  /**
   * The same H2 file, shareable by several processes: the first to open it serves it to the
   * others over a loopback TCP port it records beside the file (H2's AUTO_SERVER mode).
   */
  public static String h2SharedFileUrl(Path dir) {
    return h2FileUrl(dir).replace("AUTO_SERVER=FALSE", "AUTO_SERVER=TRUE");
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Route changes written through this database by this process (see {@link RouteStore}). */
  public RouteChanges routeChanges() {
    return routeChanges;
  }

  public String url() {
    return url;
  }

  /** The URL without a password given in it, for messages and logs. */
  public String redactedUrl() {
    return redacted(url);
  }

  static String redacted(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** True when the database answers a trivial query; throws with the reason when it does not. */
  public boolean ping() {
    return jdbi.withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one()) == 1;
  }
}
