package io.kmigrate.cli;

import picocli.CommandLine.Option;

/** {@code --by NAME} on every command that decides or aborts: who the audit log names when the API runs open. */
public final class ByOption {
  @Option(names = "--by", paramLabel = "NAME",
      description = "who acts, when the API runs open (default: $USER); with a token the API names the token's user")
  String by;

  /** The name given, else the session's user. */
  String who(Session session) {
    if (by != null) {
      return by;
    }
    String user = session.env("USER");
    return user != null ? user : System.getProperty("user.name", "kmigrate-cli");
  }
}
