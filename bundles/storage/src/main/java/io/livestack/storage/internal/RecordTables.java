package io.livestack.storage.internal;

import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import java.sql.SQLException;
import java.util.List;

/** The table of every record type (docs/storage.md documents each column). */
public final class RecordTables {

    public static final RecordTable<OrderRecord> ORDER_EVENT = new RecordTable<>("order_event", OrderRecord.class,
            List.of("event_name", "client_order_id", "current_client_order_id", "pending_client_order_id",
                    "venue_order_id", "strategy_id", "venue", "instrument", "side", "order_type", "time_in_force",
                    "price", "quantity", "filled_quantity", "average_fill_price", "status", "pending_price",
                    "pending_quantity", "overfilled", "venue_available", "last_text", "created_seq", "updated_seq",
                    "created_time_nanos", "updated_time_nanos", "account")) {

        @Override
        void bindRecord(Row row, OrderRecord r) throws SQLException {
            OrderView o = r.order();
            row.name(r.event()).id(o.clientOrderId()).id(o.currentClientOrderId()).id(o.pendingClientOrderId())
                    .id(o.venueOrderId()).id(o.strategy()).id(o.venue()).id(o.instrument()).name(o.side())
                    .name(o.type()).name(o.timeInForce()).fixed(o.price()).fixed(o.quantity())
                    .fixed(o.filledQuantity()).fixed(o.averageFillPrice()).name(o.status()).fixed(o.pendingPrice())
                    .fixed(o.pendingQuantity()).bool(o.overfilled()).bool(o.venueAvailable()).string(o.lastText())
                    .bigint(o.createdSeq()).bigint(o.updatedSeq()).bigint(o.createdTimeNanos())
                    .bigint(o.updatedTimeNanos()).id(o.account());
        }

        @Override
        OrderRecord readRecord(Cols c, long seq, long timeNanos) throws SQLException {
            OrderEvent event = c.name(OrderEvent.class);
            OrderView order = new OrderView(c.id(ClientOrderId::new), c.id(ClientOrderId::new),
                    c.id(ClientOrderId::new), c.id(VenueOrderId::new), c.id(StrategyId::new), c.id(VenueId::new),
                    c.id(InstrumentId::new), c.name(Side.class), c.name(OrderType.class),
                    c.name(TimeInForce.class), c.fixed(), c.fixed(), c.fixed(), c.fixed(),
                    c.name(OrderStatus.class), c.fixed(), c.fixed(), c.bool(), c.bool(), c.string(), c.bigint(),
                    c.bigint(), c.bigint(), c.bigint(), c.id(AccountId::new));
            return new OrderRecord(seq, timeNanos, event, order);
        }
    };

    public static final RecordTable<FillRecord> FILL = new RecordTable<>("fill", FillRecord.class,
            List.of("venue", "exec_id", "client_order_id", "venue_order_id", "strategy_id", "instrument", "side",
                    "price", "quantity", "liquidity", "fee", "fee_currency", "venue_time_nanos", "kind",
                    "ref_exec_id", "account")) {

        @Override
        void bindRecord(Row row, FillRecord r) throws SQLException {
            row.id(r.venue()).id(r.execId()).id(r.clientOrderId()).id(r.venueOrderId()).id(r.strategy())
                    .id(r.instrument()).name(r.side()).fixed(r.price()).fixed(r.quantity()).name(r.liquidity())
                    .fixed(r.fee()).string(r.feeCurrency()).bigint(r.venueTimeNanos()).name(r.kind())
                    .id(r.refExecId()).id(r.account());
        }

        @Override
        FillRecord readRecord(Cols c, long seq, long timeNanos) throws SQLException {
            return new FillRecord(seq, timeNanos, c.id(VenueId::new), c.id(ExecId::new), c.id(ClientOrderId::new),
                    c.id(VenueOrderId::new), c.id(StrategyId::new), c.id(InstrumentId::new), c.name(Side.class),
                    c.fixed(), c.fixed(), c.name(LiquidityFlag.class), c.fixed(), c.string(), c.bigint(),
                    c.name(FillRecord.Kind.class), c.id(ExecId::new), c.id(AccountId::new));
        }
    };

    /** A position at one level (position_level, the level's keys account, strategy_id, venue; null: every one). */
    public static final RecordTable<PositionRecord> POSITION_CHANGE = new RecordTable<>("position_change",
            PositionRecord.class, List.of("instrument", "net_quantity", "average_price", "realized_pnl",
                    "unrealized_pnl", "mark_price", "bought_quantity", "sold_quantity", "updated_seq",
                    "position_level", "account", "strategy_id", "venue", "fees")) {

        @Override
        void bindRecord(Row row, PositionRecord r) throws SQLException {
            PositionView p = r.position();
            row.id(p.instrument()).fixed(p.netQuantity()).fixed(p.averagePrice()).fixed(p.realizedPnl())
                    .fixed(p.unrealizedPnl()).fixed(p.markPrice()).fixed(p.boughtQuantity())
                    .fixed(p.soldQuantity()).bigint(p.updatedSeq()).name(p.level()).id(p.account())
                    .id(p.strategy()).id(p.venue()).fixed(p.fees());
        }

        @Override
        PositionRecord readRecord(Cols c, long seq, long timeNanos) throws SQLException {
            InstrumentId instrument = c.id(InstrumentId::new);
            long net = c.fixed();
            long average = c.fixed();
            long realized = c.fixed();
            long unrealized = c.fixed();
            long mark = c.fixed();
            long bought = c.fixed();
            long sold = c.fixed();
            long updatedSeq = c.bigint();
            c.name(PositionView.Level.class); // derived from the keys
            return new PositionRecord(seq, timeNanos, new PositionView(instrument, net, average, realized,
                    unrealized, mark, bought, sold, updatedSeq, c.id(AccountId::new), c.id(StrategyId::new),
                    c.id(VenueId::new), c.fixed()));
        }
    };

    /** intent_type SUBMIT / CANCEL / REPLACE; for REPLACE, price and quantity are the requested new values. */
    public static final RecordTable<RiskRejectionRecord> RISK_REJECTION = new RecordTable<>("risk_rejection",
            RiskRejectionRecord.class, List.of("intent_type", "strategy_id", "client_order_id", "venue",
                    "instrument", "side", "order_type", "time_in_force", "price", "quantity", "reason",
                    "check_name", "detail", "account")) {

        @Override
        void bindRecord(Row row, RiskRejectionRecord r) throws SQLException {
            Intent intent = r.intent();
            if (intent instanceof SubmitOrder s) {
                row.string("SUBMIT").id(s.strategy()).id(s.clientOrderId()).id(s.venue()).id(s.instrument())
                        .name(s.side()).name(s.type()).name(s.timeInForce()).fixed(s.price()).fixed(s.quantity());
            } else if (intent instanceof ReplaceOrder p) {
                row.string("REPLACE").id(p.strategy()).id(p.clientOrderId()).id(null).id(null).name(null)
                        .name(null).name(null).fixed(p.newPrice()).fixed(p.newQuantity());
            } else {
                CancelOrder c = (CancelOrder) intent;
                row.string("CANCEL").id(c.strategy()).id(c.clientOrderId()).id(null).id(null).name(null)
                        .name(null).name(null).nullableFixed(null).nullableFixed(null);
            }
            row.name(r.reason()).string(r.check()).string(r.detail())
                    .id(intent instanceof SubmitOrder s ? s.account() : null);
        }

        @Override
        RiskRejectionRecord readRecord(Cols c, long seq, long timeNanos) throws SQLException {
            String intentType = c.string();
            StrategyId strategy = c.id(StrategyId::new);
            ClientOrderId clientOrderId = c.id(ClientOrderId::new);
            VenueId venue = c.id(VenueId::new);
            InstrumentId instrument = c.id(InstrumentId::new);
            Side side = c.name(Side.class);
            OrderType type = c.name(OrderType.class);
            TimeInForce tif = c.name(TimeInForce.class);
            Long price = c.nullableFixed();
            Long quantity = c.nullableFixed();
            RejectReason reason = c.name(RejectReason.class);
            String check = c.string();
            String detail = c.string();
            AccountId account = c.id(AccountId::new);
            Intent intent = switch (intentType) {
                case "SUBMIT" -> new SubmitOrder(strategy, clientOrderId, venue, instrument, side, type, tif,
                        price, quantity, account);
                case "REPLACE" -> new ReplaceOrder(strategy, clientOrderId, price, quantity);
                case "CANCEL" -> new CancelOrder(strategy, clientOrderId);
                default -> throw new SQLException("risk_rejection (" + seq + ") has unknown intent_type '"
                        + intentType + "'");
            };
            return RecordCodec.riskRejection(seq, timeNanos, intent, reason, check, detail);
        }
    };

    public static final RecordTable<OperatorActionRecord> OPERATOR_ACTION = new RecordTable<>("operator_action",
            OperatorActionRecord.class, List.of("user_name", "action", "target", "outcome")) {

        @Override
        void bindRecord(Row row, OperatorActionRecord r) throws SQLException {
            row.string(r.user()).string(r.action()).string(r.target()).string(r.outcome());
        }

        @Override
        OperatorActionRecord readRecord(Cols c, long seq, long timeNanos) throws SQLException {
            return new OperatorActionRecord(seq, timeNanos, c.string(), c.string(), c.string(), c.string());
        }
    };

    public static final RecordTable<MetadataRecord> EXECUTION_METADATA = new RecordTable<>("execution_metadata",
            MetadataRecord.class, List.of("kind", "subject", "detail")) {

        @Override
        void bindRecord(Row row, MetadataRecord r) throws SQLException {
            row.name(r.kind()).string(r.subject()).string(r.detail());
        }

        @Override
        MetadataRecord readRecord(Cols c, long seq, long timeNanos) throws SQLException {
            return new MetadataRecord(seq, timeNanos, c.name(MetadataRecord.Kind.class), c.string(), c.string());
        }
    };

    /** Every record table, in a fixed order (the writer's statement slots use {@link #index}). */
    public static final List<RecordTable<?>> ALL = List.of(ORDER_EVENT, FILL, POSITION_CHANGE, RISK_REJECTION,
            OPERATOR_ACTION, EXECUTION_METADATA);

    private RecordTables() {
    }

    /** The table of a record type. */
    @SuppressWarnings("unchecked")
    public static <R extends ExecutionRecord> RecordTable<R> forType(Class<R> type) {
        for (RecordTable<?> table : ALL) {
            if (table.type() == type) {
                return (RecordTable<R>) table;
            }
        }
        throw new IllegalArgumentException("no table for " + type.getName());
    }

    static RecordTable<?> of(ExecutionRecord record) {
        return ALL.get(index(record));
    }

    static int index(ExecutionRecord record) {
        if (record instanceof OrderRecord) {
            return 0;
        } else if (record instanceof FillRecord) {
            return 1;
        } else if (record instanceof PositionRecord) {
            return 2;
        } else if (record instanceof RiskRejectionRecord) {
            return 3;
        } else if (record instanceof OperatorActionRecord) {
            return 4;
        } else if (record instanceof MetadataRecord) {
            return 5;
        }
        throw new IllegalArgumentException("unknown record type " + record.getClass().getName());
    }
}
