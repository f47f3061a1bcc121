package io.kmigrate.workflows.gates;

/** The gate waiting for a person: what it asks and what each answer does. */
public record OpenGate(String name, String question, String approveMeans, String rejectMeans, String openedAt) {
  /** The same gate, opened at {@code openedAt}: the time it is shown, after any wait for the audit log. */
  OpenGate at(String openedAt) {
    return new OpenGate(name, question, approveMeans, rejectMeans, openedAt);
  }
}
