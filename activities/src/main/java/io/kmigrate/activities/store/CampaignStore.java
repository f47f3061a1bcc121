package io.kmigrate.activities.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Campaigns: a row per campaign started, newest first in a list. */
public final class CampaignStore {
  /** The most campaigns a list returns: each then costs the API a call to Temporal for its status. */
  public static final int LISTED = 200;

  private static final RowMapper<CampaignRecord> ROW = (rs, ctx) -> new CampaignRecord(rs.getString("id"), rs.getInt("units"),
      rs.getInt("waves"), rs.getString("on_failure"), rs.getString("started_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant());

  private final Jdbi jdbi;

  public CampaignStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public void insert(CampaignRecord c) {
    jdbi.useHandle(h -> h.createUpdate(
            "insert into campaigns (id, units, waves, on_failure, started_by, created_at) values (:id, :units, :waves, :onFailure, :by, :at)")
        .bind("id", c.id()).bind("units", c.units()).bind("waves", c.waves()).bind("onFailure", c.onFailure()).bind("by", c.startedBy())
        .bind("at", c.createdAt().atOffset(ZoneOffset.UTC))
        .execute());
  }

  /** The newest {@link #LISTED}. */
  public List<CampaignRecord> list() {
    return jdbi.withHandle(h -> h.createQuery("select * from campaigns order by created_at desc, id").setMaxRows(LISTED).map(ROW).list());
  }
}
