-- Live Stack execution records, schema version 1.
-- Portable SQL (H2 2.x and PostgreSQL 12+): BIGINT, VARCHAR, NUMERIC(38,8), BOOLEAN, TIMESTAMP only.
-- Every statement is idempotent (IF NOT EXISTS): H2 commits DDL statement by statement, so a script interrupted
-- half way is simply run again. Tables and columns are documented in docs/storage.md.
-- Key of every record table: (seq, ord) = the event's sequence number and the record's position among the
-- records of that event. Prices, quantities and money: NUMERIC(38,8), exact. Times: epoch nanoseconds (UTC)
-- in *_nanos BIGINT columns; event_time is the same instant as a TIMESTAMP (UTC) for reading.
-- Indexes: only what idempotency and recovery need (each index costs every insert); add analysis indexes
-- on a copy or in PostgreSQL.

CREATE TABLE IF NOT EXISTS order_event (
    seq                     BIGINT         NOT NULL,
    ord                     BIGINT         NOT NULL,
    time_nanos              BIGINT         NOT NULL,
    event_time              TIMESTAMP      NOT NULL,
    event_name              VARCHAR(64)    NOT NULL,
    client_order_id         VARCHAR(64)    NOT NULL,
    current_client_order_id VARCHAR(64)    NOT NULL,
    pending_client_order_id VARCHAR(64),
    venue_order_id          VARCHAR(64),
    strategy_id             VARCHAR(64)    NOT NULL,
    venue                   VARCHAR(64)    NOT NULL,
    instrument              VARCHAR(64)    NOT NULL,
    side                    VARCHAR(8)     NOT NULL,
    order_type              VARCHAR(16)    NOT NULL,
    time_in_force           VARCHAR(16)    NOT NULL,
    price                   NUMERIC(38, 8) NOT NULL,
    quantity                NUMERIC(38, 8) NOT NULL,
    filled_quantity         NUMERIC(38, 8) NOT NULL,
    average_fill_price      NUMERIC(38, 8) NOT NULL,
    status                  VARCHAR(32)    NOT NULL,
    pending_price           NUMERIC(38, 8) NOT NULL,
    pending_quantity        NUMERIC(38, 8) NOT NULL,
    overfilled              BOOLEAN        NOT NULL,
    venue_available         BOOLEAN        NOT NULL,
    last_text               VARCHAR(2000),
    created_seq             BIGINT         NOT NULL,
    updated_seq             BIGINT         NOT NULL,
    created_time_nanos      BIGINT         NOT NULL,
    updated_time_nanos      BIGINT         NOT NULL,
    CONSTRAINT pk_order_event PRIMARY KEY (seq, ord)
);
CREATE INDEX IF NOT EXISTS ix_order_event_order ON order_event (client_order_id, seq, ord);

CREATE TABLE IF NOT EXISTS fill (
    seq                     BIGINT         NOT NULL,
    ord                     BIGINT         NOT NULL,
    time_nanos              BIGINT         NOT NULL,
    event_time              TIMESTAMP      NOT NULL,
    venue                   VARCHAR(64)    NOT NULL,
    exec_id                 VARCHAR(64)    NOT NULL,
    client_order_id         VARCHAR(64)    NOT NULL,
    venue_order_id          VARCHAR(64),
    strategy_id             VARCHAR(64),
    instrument              VARCHAR(64)    NOT NULL,
    side                    VARCHAR(8)     NOT NULL,
    price                   NUMERIC(38, 8) NOT NULL,
    quantity                NUMERIC(38, 8) NOT NULL,
    liquidity               VARCHAR(16),
    fee                     NUMERIC(38, 8) NOT NULL,
    fee_currency            VARCHAR(16),
    venue_time_nanos        BIGINT         NOT NULL,
    CONSTRAINT pk_fill PRIMARY KEY (seq, ord),
    CONSTRAINT uq_fill_venue_exec UNIQUE (venue, exec_id)
);

CREATE TABLE IF NOT EXISTS position_change (
    seq                     BIGINT         NOT NULL,
    ord                     BIGINT         NOT NULL,
    time_nanos              BIGINT         NOT NULL,
    event_time              TIMESTAMP      NOT NULL,
    instrument              VARCHAR(64)    NOT NULL,
    net_quantity            NUMERIC(38, 8) NOT NULL,
    average_price           NUMERIC(38, 8) NOT NULL,
    realized_pnl            NUMERIC(38, 8) NOT NULL,
    unrealized_pnl          NUMERIC(38, 8) NOT NULL,
    mark_price              NUMERIC(38, 8) NOT NULL,
    bought_quantity         NUMERIC(38, 8) NOT NULL,
    sold_quantity           NUMERIC(38, 8) NOT NULL,
    updated_seq             BIGINT         NOT NULL,
    CONSTRAINT pk_position_change PRIMARY KEY (seq, ord)
);
CREATE INDEX IF NOT EXISTS ix_position_change_instrument ON position_change (instrument, seq, ord);

CREATE TABLE IF NOT EXISTS risk_rejection (
    seq                     BIGINT         NOT NULL,
    ord                     BIGINT         NOT NULL,
    time_nanos              BIGINT         NOT NULL,
    event_time              TIMESTAMP      NOT NULL,
    intent_type             VARCHAR(16)    NOT NULL,
    strategy_id             VARCHAR(64)    NOT NULL,
    client_order_id         VARCHAR(64)    NOT NULL,
    venue                   VARCHAR(64),
    instrument              VARCHAR(64),
    side                    VARCHAR(8),
    order_type              VARCHAR(16),
    time_in_force           VARCHAR(16),
    price                   NUMERIC(38, 8),
    quantity                NUMERIC(38, 8),
    reason                  VARCHAR(64)    NOT NULL,
    check_name              VARCHAR(256)   NOT NULL,
    detail                  VARCHAR(4000)  NOT NULL,
    CONSTRAINT pk_risk_rejection PRIMARY KEY (seq, ord)
);

CREATE TABLE IF NOT EXISTS operator_action (
    seq                     BIGINT         NOT NULL,
    ord                     BIGINT         NOT NULL,
    time_nanos              BIGINT         NOT NULL,
    event_time              TIMESTAMP      NOT NULL,
    user_name               VARCHAR(256)   NOT NULL,
    action                  VARCHAR(256)   NOT NULL,
    target                  VARCHAR(1000)  NOT NULL,
    outcome                 VARCHAR(4000)  NOT NULL,
    CONSTRAINT pk_operator_action PRIMARY KEY (seq, ord)
);

CREATE TABLE IF NOT EXISTS execution_metadata (
    seq                     BIGINT         NOT NULL,
    ord                     BIGINT         NOT NULL,
    time_nanos              BIGINT         NOT NULL,
    event_time              TIMESTAMP      NOT NULL,
    kind                    VARCHAR(32)    NOT NULL,
    subject                 VARCHAR(1000)  NOT NULL,
    detail                  VARCHAR(100000) NOT NULL,
    CONSTRAINT pk_execution_metadata PRIMARY KEY (seq, ord)
);

CREATE TABLE IF NOT EXISTS dead_letter (
    seq                     BIGINT         NOT NULL,
    ord                     BIGINT         NOT NULL,
    time_nanos              BIGINT         NOT NULL,
    record_type             VARCHAR(64)    NOT NULL,
    failed_at               TIMESTAMP      NOT NULL,
    error                   VARCHAR(4000)  NOT NULL,
    content                 VARCHAR(1000000) NOT NULL,
    payload                 VARCHAR(1000000) NOT NULL,
    CONSTRAINT pk_dead_letter PRIMARY KEY (seq, ord)
);
