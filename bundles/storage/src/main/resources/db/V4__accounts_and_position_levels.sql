-- Live Stack execution records, schema version 4: accounts, and positions at every level.
-- An order, its fills and a new order refused by risk carry the account they trade for (FIX Account; DEFAULT when
-- its strategy and venue name none). A position row is a position at one level: DESK (the instrument across the
-- desk), ACCOUNT, STRATEGY, BOOK (one strategy in one account) or VENUE (one venue and account); account, strategy_id
-- and venue say which (null: every one). fees are the fills' fees in the reporting currency. Rows written before this
-- version are of the DEFAULT account and the desk's positions without fees.
-- Portable SQL (H2 2.x and PostgreSQL 12+).

ALTER TABLE order_event ADD COLUMN IF NOT EXISTS account VARCHAR(64) DEFAULT 'DEFAULT' NOT NULL;
ALTER TABLE fill ADD COLUMN IF NOT EXISTS account VARCHAR(64) DEFAULT 'DEFAULT' NOT NULL;
ALTER TABLE risk_rejection ADD COLUMN IF NOT EXISTS account VARCHAR(64);
ALTER TABLE position_change ADD COLUMN IF NOT EXISTS position_level VARCHAR(16) DEFAULT 'DESK' NOT NULL;
ALTER TABLE position_change ADD COLUMN IF NOT EXISTS account VARCHAR(64);
ALTER TABLE position_change ADD COLUMN IF NOT EXISTS strategy_id VARCHAR(64);
ALTER TABLE position_change ADD COLUMN IF NOT EXISTS venue VARCHAR(64);
ALTER TABLE position_change ADD COLUMN IF NOT EXISTS fees NUMERIC(38, 8) DEFAULT 0 NOT NULL;
CREATE INDEX IF NOT EXISTS ix_position_change_level ON position_change (position_level, instrument, seq, ord);
CREATE INDEX IF NOT EXISTS ix_fill_account ON fill (account, seq, ord);
