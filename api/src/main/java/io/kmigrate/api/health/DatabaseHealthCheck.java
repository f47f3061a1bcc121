package io.kmigrate.api.health;

import com.codahale.metrics.health.HealthCheck;
import io.kmigrate.activities.store.Database;

/**
 * Healthy when the store answers a trivial query; otherwise says why, and that migrations in
 * flight are not affected (their state is in Temporal; the store only mirrors it and the audit).
 */
public class DatabaseHealthCheck extends HealthCheck {
  private final Database database;

  public DatabaseHealthCheck(Database database) {
    this.database = database;
  }

  @Override
  protected Result check() {
    try {
      return database.ping() ? Result.healthy() : Result.unhealthy("select 1 did not answer 1");
    } catch (RuntimeException e) {
      return Result.unhealthy(StoreUnavailable.describe(database, e));
    }
  }
}
