package io.kmigrate.cli;

import picocli.CommandLine.Option;

/** {@code -o/--output table|json} on every read. */
public final class OutputOption {
  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table (for people, the default) or json (the API's answer as it came, for scripts)")
  OutputFormat format;

  boolean json() {
    return format == OutputFormat.json;
  }
}
