package io.kmigrate.workflows.contract;

/** One preflight problem: which check found it and what to do about it. */
public record Finding(String check, String message) {
  @Override
  public String toString() {
    return check + ": " + message;
  }
}
