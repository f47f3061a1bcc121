package io.kmigrate.api.discover;

/** What discovery writes into YAML and Markdown from a cluster: names quoted, comments on one line. */
final class Yaml {
  private Yaml() {}

  /** A YAML single-quoted scalar: any name (a group id may hold spaces, '#', ':') stays one string. */
  static String quote(String s) {
    return "'" + oneLine(s).replace("'", "''") + "'";
  }

  /** Text from the cluster (client ids, hosts) in a comment or a table cell: control characters cannot start a new line. */
  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
  }
}
