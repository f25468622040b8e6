-- Live Stack execution records, schema version 2: the projection mark.
-- Storage is a projection of the runtime's journal. projection_mark holds, per projection, the seq up to which every
-- journaled event's records are in the record tables (or in dead_letter). The storage writer moves it in the same
-- transaction as the rows it inserts, so after a crash or a database outage rows and mark agree, and the writer goes
-- on reading the journal after it. Portable SQL (H2 2.x and PostgreSQL 12+), idempotent (IF NOT EXISTS).

CREATE TABLE IF NOT EXISTS projection_mark (
    name                    VARCHAR(64)    NOT NULL,
    seq                     BIGINT         NOT NULL,
    CONSTRAINT pk_projection_mark PRIMARY KEY (name)
);
