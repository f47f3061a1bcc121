package io.kmigrate.config;

/** One thing wrong with a plan: the field path (e.g. {@code clients[1].role}) and what to fix. */
public record PlanProblem(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
