package io.kmigrate.activities.store;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A statement the store refused because of the data it carried (SQLState class 22, data
 * exception: a value too long, a character the encoding cannot hold; class 23, integrity
 * constraint violation). Unlike a store that is down, trying the same write again cannot work.
 * A unique violation (23505) is the exception: two attempts of one write racing (the first ran
 * past its timeout) insert the same row, and the retry's update then succeeds.
 */
public final class DataRefusal {
  private static final String UNIQUE_VIOLATION = "23505";

  private DataRefusal() {}

  /** The SQL error that says the data was refused, if that is what {@code e} is. */
  public static Optional<SQLException> of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23")) && !UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return Optional.of(sql);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /** "SQLState 22001: value too long …", the store's own words, on one line. */
  public static String describe(SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ");
    return "SQLState " + e.getSQLState() + ": " + (message.length() > 300 ? message.substring(0, 300) + "…" : message);
  }
}
