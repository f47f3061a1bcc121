package io.kmigrate.api.health;

import io.kmigrate.activities.Causes;
import io.kmigrate.activities.store.Database;

/** The one sentence the health check and the API give when the store does not answer. */
public final class StoreUnavailable {
  private StoreUnavailable() {}

  public static String describe(Database database, Throwable cause) {
    return "the store at " + database.redactedUrl() + " does not answer: " + Causes.root(cause).getMessage()
        + ". Migrations in flight go on in Temporal; their store rows and audit entries are written when it is back";
  }
}
