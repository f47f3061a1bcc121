-- A plan is at most 1 MiB as JSON (PlanValidator); V1's column held 1,000,000 characters, so the
-- largest valid plans were refused by the store on every retry. Portable between H2 and PostgreSQL.
alter table migrations alter column plan set data type varchar(1048576);
