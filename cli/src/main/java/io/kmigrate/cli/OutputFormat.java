package io.kmigrate.cli;

/** How reads print: a table for people, or the API's JSON as it came, for scripts. */
public enum OutputFormat {
  table,
  json
}
