-- Live Stack execution records, schema version 5: indexes by time, for the operator's views of a time range (the
-- trading day by default): livestack:orders, livestack:fills and the web console read the orders changed and the
-- fills booked in a range (StoredHistory). Without them each such query reads the whole table; each index costs every
-- insert a little.
-- Portable SQL (H2 2.x and PostgreSQL 12+).

CREATE INDEX IF NOT EXISTS ix_fill_time ON fill (time_nanos);
CREATE INDEX IF NOT EXISTS ix_order_event_time ON order_event (time_nanos);
