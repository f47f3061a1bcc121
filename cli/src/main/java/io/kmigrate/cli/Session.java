package io.kmigrate.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a command runs with: the environment it reads the API's address and token from, where it
 * writes, and whether that is a terminal (redrawn in place) or a pipe or log (one line per change).
 */
public record Session(Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
  /** The process's own: a terminal when there is a console and TERM is not dumb. */
  public static Session ofProcess() {
    boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    return new Session(System.getenv(), System.out, System.err, terminal);
  }

  public String env(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v;
  }
}
