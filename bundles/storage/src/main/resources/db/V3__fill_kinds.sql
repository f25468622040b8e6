-- Live Stack execution records, schema version 3: busts and corrections, and exec ids reused by venues.
-- A venue's exec ids are unique only within its trading day or session (FIX), so (venue, exec_id) is no longer
-- unique: a venue that starts again after a restart or a new day reuses them, and each is a distinct execution. The
-- row's identity stays its (seq, ord). A fill row's kind is TRADE (a fill), BUST (reverses the fill ref_exec_id, at its
-- price and quantity) or CORRECTION (the corrected fill that replaces ref_exec_id, booked with the BUST of the
-- original): an order's or a position's fills are TRADE + CORRECTION - BUST.
-- Portable SQL (H2 2.x and PostgreSQL 12+).

ALTER TABLE fill DROP CONSTRAINT IF EXISTS uq_fill_venue_exec;
ALTER TABLE fill ADD COLUMN IF NOT EXISTS kind VARCHAR(16) DEFAULT 'TRADE' NOT NULL;
ALTER TABLE fill ADD COLUMN IF NOT EXISTS ref_exec_id VARCHAR(64);
CREATE INDEX IF NOT EXISTS ix_fill_venue_exec ON fill (venue, exec_id);
