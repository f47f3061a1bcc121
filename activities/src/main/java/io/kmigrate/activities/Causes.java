package io.kmigrate.activities;

/** The deepest cause of a failure: what actually went wrong beneath the wrappers. */
public final class Causes {
  private Causes() {}

  public static Throwable root(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
