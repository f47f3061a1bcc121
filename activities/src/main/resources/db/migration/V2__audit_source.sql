-- The network address a decision came from (the kmigrate API fills it from the HTTP connection).
-- Nullable: rows written before this column, kmigrate's own entries and decisions sent straight
-- through Temporal have none. Portable between H2 and PostgreSQL.
alter table audit_log add column source_address varchar(200);
