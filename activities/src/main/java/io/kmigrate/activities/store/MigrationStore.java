package io.kmigrate.activities.store;

import io.kmigrate.workflows.contract.MigrationStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Migrations: one row per plan name, its status kept current by the workflow. */
public final class MigrationStore {
  private static final RowMapper<MigrationRecord> ROW =
      (rs, ctx) ->
          new MigrationRecord(
              rs.getString("id"), rs.getString("scheme"), rs.getString("plan"), MigrationStatus.valueOf(rs.getString("status")),
              rs.getObject("created_at", OffsetDateTime.class).toInstant(),
              rs.getObject("updated_at", OffsetDateTime.class).toInstant());

  private final Jdbi jdbi;

  public MigrationStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Inserts or updates; portable SQL (update first, insert when absent) for H2 and PostgreSQL. */
  public void upsert(String id, String scheme, String plan, MigrationStatus status, Instant at) {
    jdbi.useTransaction(
        h -> {
          int updated =
              h.createUpdate("update migrations set status = :status, plan = :plan, updated_at = :at where id = :id")
                  .bind("id", id).bind("status", status.name()).bind("plan", plan).bind("at", at.atOffset(ZoneOffset.UTC))
                  .execute();
          if (updated == 0) {
            h.createUpdate(
                    "insert into migrations (id, scheme, plan, status, created_at, updated_at) values (:id, :scheme, :plan, :status, :at, :at)")
                .bind("id", id).bind("scheme", scheme).bind("plan", plan).bind("status", status.name())
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .execute();
          }
        });
  }

  public Optional<MigrationRecord> find(String id) {
    return jdbi.withHandle(h -> h.createQuery("select * from migrations where id = :id").bind("id", id).map(ROW).findOne());
  }

  public List<MigrationRecord> list() {
    return jdbi.withHandle(h -> h.createQuery("select * from migrations order by created_at desc, id").map(ROW).list());
  }
}
