package io.kmigrate.workflows.gates;

/** Unwinds the workflow when a person (or a gate timeout) aborts it. */
public class MigrationAbortedException extends RuntimeException {
  private final AbortRequest request;

  public MigrationAbortedException(AbortRequest request) {
    super("aborted by " + request.by() + ": " + request.reason());
    this.request = request;
  }

  public AbortRequest request() {
    return request;
  }
}
