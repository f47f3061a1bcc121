package io.kmigrate.api.resources;

/**
 * Body of approve/reject: who decides and why; optionally {@code openedAt}, the open gate's
 * {@code openedAt} from the progress, so the decision answers that opening only.
 */
public record DecisionBody(String by, String comment, String openedAt) {
  public DecisionBody(String by, String comment) {
    this(by, comment, null);
  }
}
