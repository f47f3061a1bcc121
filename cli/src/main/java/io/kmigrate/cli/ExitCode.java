package io.kmigrate.cli;

/**
 * What each exit code of the client commands means: scripts and CI jobs branch on them, so each
 * API answer that needs a different reaction has its own.
 */
public enum ExitCode {
  /** Done; for {@code watch}, the migration completed (or the awaited gate opened). */
  OK(0, "done"),
  /** {@code watch}: the migration ended otherwise than completed (failed, aborted, cancelled). */
  NOT_COMPLETED(1, "the migration ended otherwise than completed"),
  /** The command line itself is wrong (picocli's own usage code). */
  USAGE(2, "bad command line"),
  /** 400: the API refused the request's content, e.g. a plan with problems. */
  REFUSED(3, "the API refused the request (400)"),
  /** 401 or 403: no token, a wrong one, or a role that may not do this. */
  NOT_ALLOWED(4, "not authenticated or not allowed (401/403)"),
  /** 404: no such migration, or the gate is not one it has. */
  NOT_FOUND(5, "no such migration (404)"),
  /** 409: the migration already exists, the gate is not open, or it already ended. */
  CONFLICT(6, "conflict with the migration's state (409)"),
  /** The API could not be reached, timed out, or answered 5xx. */
  UNAVAILABLE(7, "the API is unreachable or failed (5xx)");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  /** The exit code an HTTP error status maps to. */
  public static ExitCode ofStatus(int status) {
    return switch (status) {
      case 400, 413, 415, 422 -> REFUSED;
      case 401, 403 -> NOT_ALLOWED;
      case 404 -> NOT_FOUND;
      case 409 -> CONFLICT;
      default -> UNAVAILABLE;
    };
  }

  /** The help's table of exit codes, one per line. */
  public static String table() {
    StringBuilder out = new StringBuilder();
    for (ExitCode c : values()) {
      out.append(String.format("  %d  %s%n", c.code, c.meaning));
    }
    return out.toString();
  }
}
