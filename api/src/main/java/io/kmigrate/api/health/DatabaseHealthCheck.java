package io.kmigrate.api.health;

import com.codahale.metrics.health.HealthCheck;
import io.kmigrate.activities.store.Database;

/** Healthy when the store answers a trivial query. */
public class DatabaseHealthCheck extends HealthCheck {
  private final Database database;

  public DatabaseHealthCheck(Database database) {
    this.database = database;
  }

  @Override
  protected Result check() {
    return database.ping() ? Result.healthy() : Result.unhealthy("select 1 did not answer 1");
  }
}
