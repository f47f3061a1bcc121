package io.kmigrate.activities.store;

import io.kmigrate.config.InputLimits;
import io.kmigrate.workflows.contract.AuditAction;
import io.kmigrate.workflows.contract.AuditEntry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Every start, gate decision, reminder and abort: who, when, what they said, and from which address. */
public final class AuditLog {
  private final Jdbi jdbi;

  public AuditLog(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Appends unless the same entry is already there: a retried activity must not write a
   * decision twice. Every value is stored {@linkplain #bounded bounded} to its column, so no
   * entry is refused for its length, whichever path it came by (a signal cannot be refused).
   */
  public void append(AuditEntry entry) {
    AuditEntry e = bounded(entry);
    OffsetDateTime at = Instant.parse(e.at()).atOffset(ZoneOffset.UTC);
    jdbi.useTransaction(
        h -> {
          int same =
              h.createQuery(
                      "select count(*) from audit_log where migration_id = :m and action = :a and actor = :b and at = :at"
                          + " and coalesce(gate, '') = :g")
                  .bind("m", e.migrationId()).bind("a", e.action().id()).bind("b", e.by()).bind("at", at)
                  .bind("g", e.gate() == null ? "" : e.gate())
                  .mapTo(Integer.class).one();
          if (same == 0) {
            h.createUpdate(
                    "insert into audit_log (migration_id, gate, action, actor, comment, at, source_address)"
                        + " values (:m, :g, :a, :b, :c, :at, :s)")
                .bind("m", e.migrationId()).bind("g", e.gate()).bind("a", e.action().id()).bind("b", e.by())
                .bind("c", e.comment()).bind("at", at).bind("s", e.source())
                .execute();
          }
        });
  }

  /** The entry as its columns hold it: control characters replaced, each value cut to its column's size with a mark. */
  public static AuditEntry bounded(AuditEntry e) {
    return new AuditEntry(
        InputLimits.bounded(e.migrationId(), InputLimits.NAME),
        InputLimits.bounded(e.gate(), InputLimits.GATE),
        e.action(),
        InputLimits.bounded(e.by(), InputLimits.BY),
        InputLimits.boundedText(e.comment(), InputLimits.COMMENT),
        e.at(),
        InputLimits.bounded(e.source(), InputLimits.SOURCE));
  }

  public List<AuditEntry> forMigration(String migrationId) {
    return jdbi.withHandle(
        h -> h.createQuery("select * from audit_log where migration_id = :m order by id")
            .bind("m", migrationId)
            .map((rs, ctx) -> new AuditEntry(
                rs.getString("migration_id"), rs.getString("gate"), AuditAction.of(rs.getString("action")), rs.getString("actor"),
                rs.getString("comment"), rs.getObject("at", OffsetDateTime.class).toInstant().toString(),
                rs.getString("source_address")))
            .list());
  }
}
