package io.kmigrate.api.cli;

import io.kmigrate.activities.Causes;

/** One line for a command that failed: what failed and the deepest cause, no stack trace. */
public final class StartupErrors {
  private StartupErrors() {}

  public static String oneLine(String command, Throwable e) {
    Throwable root = Causes.root(e);
    String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String deep = root == e || root.getMessage() == null ? "" : " (" + root.getMessage() + ")";
    return "kmigrate " + command + " failed: " + top + deep;
  }
}
