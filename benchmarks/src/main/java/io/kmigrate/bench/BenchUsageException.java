package io.kmigrate.bench;

/** A bad command line: reported in one line, exit code 2. */
public final class BenchUsageException extends RuntimeException {
  public BenchUsageException(String message) {
    super(message);
  }
}
