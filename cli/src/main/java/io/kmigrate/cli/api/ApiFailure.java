package io.kmigrate.cli.api;

import io.kmigrate.cli.ExitCode;

/**
 * The API did not do what was asked: {@code status} is its HTTP answer (0 when it could not be
 * reached), {@code getMessage()} one line saying what went wrong and, where it helps, what to do.
 */
public final class ApiFailure extends RuntimeException {
  private final int status;

  public ApiFailure(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public ExitCode exitCode() {
    return status == 0 ? ExitCode.UNAVAILABLE : ExitCode.ofStatus(status);
  }
}
