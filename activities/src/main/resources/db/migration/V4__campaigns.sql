-- Campaigns, one row each, written when one starts: what GET /api/v1/campaigns lists. Their state
-- lives in Temporal (each row's status is read from there); their units are rows of migrations.
create table campaigns (
  id          varchar(200) primary key,
  units       int          not null,
  waves       int          not null,
  on_failure  varchar(20)  not null,
  started_by  varchar(200) not null,
  created_at  timestamp with time zone not null
);
