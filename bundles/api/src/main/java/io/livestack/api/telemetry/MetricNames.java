package io.livestack.api.telemetry;

/**
 * The metric names of the Live Stack, for the Dropwizard {@code com.codahale.metrics.MetricRegistry} service that the
 * metrics bundle publishes (exported over JMX, domain {@code livestack}, and as Prometheus text at
 * {@code /livestack/metrics}). docs/operations.md lists every metric with its meaning.
 * <p>
 * <b>Labels</b> are part of the registry name: {@code base{key=value,key=value}} built by {@link #tagged}; the
 * Prometheus exporter turns them into labels ({@code livestack_orders_sent_total{venue="SIM",strategy="mm1"}}).
 * <p>
 * <b>Types</b>: a {@code Counter} only ever increases (exported as a Prometheus counter, {@code _total}); a level that
 * goes up and down is a {@code Gauge}; a latency is a {@code Timer} (exported as a summary in seconds).
 * <p>
 * <b>Cost on the processing thread</b>: resolve each {@code Counter}/{@code Timer} once (at activation, or the first
 * time a venue/strategy/reason is seen, kept in a map owned by the processing thread) and then only call
 * {@code inc()} / {@code update(nanos, NANOSECONDS)} — never build a name or look one up per event. Stages reference
 * the registry optionally ({@code @Reference(cardinality = OPTIONAL, policy = DYNAMIC)}): no registry, no metrics,
 * same behaviour. Names marked <i>(metrics bundle)</i> are collected by the metrics bundle itself from what the
 * stages already expose ({@code RuntimeStatus}, {@code StrategyInfo}, {@code RiskStage.limits()}, the state); a stage
 * must not register them.
 */
public final class MetricNames {

    private MetricNames() {
    }

    /** Prefix of every Live Stack metric. */
    public static final String PREFIX = "livestack.";

    // ---------------------------------------------------------------- intake / processing loop

    /**
     * Counter {type} (metrics bundle, from {@code LiveRuntime.counters()} "events.in.TYPE"): events accepted by
     * intake, per event type (simple class name, e.g. ExecutionReport).
     */
    public static final String EVENTS_IN = "livestack.events.in";
    /** Counter {type} (metrics bundle, from "events.out.TYPE"): events processed by the loop, per event type. */
    public static final String EVENTS_OUT = "livestack.events.out";
    /**
     * Counter {reason} (metrics bundle, from {@code LiveRuntime.counters()} "rejections.REASON" when intake reports
     * them): intents refused before reaching a venue, per RejectReason.
     */
    public static final String RISK_REJECTIONS = "livestack.risk.rejections";
    /**
     * Gauge (0..1, metrics bundle, from "loop.busy.nanos"): share of wall time the processing thread spent processing
     * (not waiting) between two refreshes. {@code rate(livestack_runtime_loop_busy_seconds_total[1m])} gives the same
     * in Prometheus.
     */
    public static final String LOOP_UTILIZATION = "livestack.loop.utilization";
    /**
     * Prefix (metrics bundle) of every other {@code LiveRuntime.counters()} entry: "producer.waits" becomes
     * {@code livestack.runtime.producer.waits} (a counter), "records.buffered" a gauge; "loop.busy.nanos" is exported
     * in seconds as {@code livestack.runtime.loop.busy.seconds}.
     */
    public static final String RUNTIME_COUNTER_PREFIX = "livestack.runtime.";
    /** Timer (intake updates): from a market data event's intake to the new order it caused being handed to the venue adapter. */
    public static final String TICK_TO_ORDER = "livestack.latency.tick_to_order";
    /** Timer (intake updates, optional): time the processing thread spent on one event (all stages). */
    public static final String LOOP_EVENT_TIME = "livestack.loop.event.time";

    // ---------------------------------------------------------------- execution control (execution updates)

    /** Counter {venue,strategy}: new orders sent to a venue. */
    public static final String ORDERS_SENT = "livestack.orders.sent";
    /** Counter {venue,strategy}: orders acknowledged by the venue (first NEW). */
    public static final String ORDERS_ACKNOWLEDGED = "livestack.orders.acknowledged";
    /** Counter {venue,strategy}: orders rejected by the venue. */
    public static final String ORDERS_REJECTED = "livestack.orders.rejected";
    /** Counter {venue,strategy}: fills (executions of type TRADE) applied. */
    public static final String ORDERS_FILLED = "livestack.orders.filled";
    /** Counter {venue,strategy}: orders canceled (confirmed by the venue). */
    public static final String ORDERS_CANCELED = "livestack.orders.canceled";
    /**
     * Counter per venue and alert ({@link io.livestack.api.model.VenueAlert}): what a venue did that an operator must
     * hear of — exec ids reused, fills busted or corrected, reports for unknown orders, requests stuck.
     */
    public static final String VENUE_ALERTS = "livestack.venue.alerts";
    /** Timer {venue}: from sending a new order to its acknowledgement (intake times of the two events). */
    public static final String ORDER_ACK_LATENCY = "livestack.latency.order_ack";

    // ---------------------------------------------------------------- venue adapters (each adapter updates)

    /** Gauge {venue} (seconds): time since the last message received from the venue (heartbeat lag). */
    public static final String VENUE_HEARTBEAT_LAG = "livestack.venue.heartbeat.lag.seconds";
    /** Counter {venue}: reconnections (logons after the first). */
    public static final String VENUE_RECONNECTS = "livestack.venue.reconnects";
    /** Counter {venue}: messages received from / sent to the venue. */
    public static final String VENUE_MESSAGES_IN = "livestack.venue.messages.in";
    public static final String VENUE_MESSAGES_OUT = "livestack.venue.messages.out";
    /**
     * Counter {venue}: messages from the venue the adapter refused with a session Reject (35=3) or a
     * BusinessMessageReject (35=j): invalid fields or values, missing fields, unknown or unsupported message types,
     * SendingTime or CompID problems, a PossDup without OrigSendingTime.
     */
    public static final String VENUE_MESSAGES_REJECTED = "livestack.venue.messages.rejected";
    /**
     * Counter {venue}: messages from the venue ignored as garbled (bad CheckSum, a field without '=' or with a
     * non-numeric tag, MsgType not the third field): FIX prescribes no answer and no sequence number is
     * used up. Framing errors the FIX decoder drops before a message exists (a wrong BodyLength, a truncated message,
     * bytes between messages) are not counted: they are in the log only.
     */
    public static final String VENUE_MESSAGES_GARBLED = "livestack.venue.messages.garbled";
    /**
     * Counter {venue}: inbound messages asked again at a (re)logon because the FIX store had them as received
     * and the journal did not (a crash in between).
     */
    public static final String VENUE_RESENT_FROM_JOURNAL = "livestack.venue.resent.from.journal";
    /**
     * Counter {venue,expected}: the session's sequence numbers started again at 1. {@code expected=true}: as the
     * venue's rules say (a scheduled session start, a reset on logon, a ResetSeqNumFlag we asked for, or the venue's
     * at the first logon of a session); {@code expected=false}: an alert — the venue reset the numbers where the rules
     * expect none (a Logon with ResetSeqNumFlag=Y in the middle of a session, a SequenceReset lowering the numbers).
     */
    public static final String VENUE_SEQUENCE_RESETS = "livestack.venue.sequence.resets";
    /**
     * Counter {venue} (the FIX adapter updates): venue configurations refused because they would share the venue
     * id, the FIX store directory or the FIX session of a venue that runs (labelled with the refused
     * configuration's venue id). The running venue is untouched; the refused file is named in the log.
     */
    public static final String VENUE_CONFIG_REFUSED = "livestack.venue.config.refused";

    // ---------------------------------------------------------------- storage

    /** Gauge (metrics bundle, from {@code StorageMonitor}): records accepted and not yet durable. */
    public static final String STORAGE_BACKLOG = "livestack.storage.backlog";
    /** Counters (metrics bundle, from {@code StorageMonitor}): records written / spilled / duplicates skipped /
     * dead-lettered / lost since the store started. */
    public static final String STORAGE_WRITTEN = "livestack.storage.written";
    public static final String STORAGE_SPILLED = "livestack.storage.spilled";
    public static final String STORAGE_DUPLICATES = "livestack.storage.duplicates";
    public static final String STORAGE_DEAD_LETTERED = "livestack.storage.dead_lettered";
    public static final String STORAGE_LOST = "livestack.storage.lost";
    /** Gauge (seconds, metrics bundle, from {@code StorageMonitor}): the last batch commit, incl. sync to disk. */
    public static final String STORAGE_LAST_COMMIT = "livestack.storage.last_commit.seconds";
    /** Gauge (seconds, metrics bundle): accept-to-durable time of the oldest record of the last batch. */
    public static final String STORAGE_LAST_RECORD_TO_DURABLE = "livestack.storage.last_record_to_durable.seconds";
    /** Gauge {health} (metrics bundle): 1 for the store's current StorageStatus.Health, 0 for the others. */
    public static final String STORAGE_HEALTH = "livestack.storage.health";
    /**
     * Timer (storage updates, optional): from the sink accepting a record to its batch being durable (commit + sync
     * to disk), on a monotonic clock (not from the event's intake time, which may come from a replay clock).
     */
    public static final String STORAGE_RECORD_TO_DURABLE = "livestack.storage.record_to_durable";

    // ---------------------------------------------------------------- Kafka export (the export bundle registers these)

    /** Gauge: journal events after the export's mark (their records not all acknowledged by the broker yet). */
    public static final String EXPORT_KAFKA_LAG_EVENTS = "livestack.export.kafka.lag.events";
    /** Gauge (seconds): how long the journal has been ahead of the export's mark without it moving (0 caught up). */
    public static final String EXPORT_KAFKA_LAG_SECONDS = "livestack.export.kafka.lag.seconds";
    /** Gauge: the export's mark, the seq up to which the broker acknowledged every record. */
    public static final String EXPORT_KAFKA_MARK = "livestack.export.kafka.mark";
    /** Gauge: messages handed to the producer and not yet acknowledged. */
    public static final String EXPORT_KAFKA_IN_FLIGHT = "livestack.export.kafka.in_flight";
    /**
     * Counters: messages sent, acknowledged, skipped at a restart because the broker already held them, sent again
     * after a failed send (possible duplicates, recognisable by their (seq, ord) headers), and failed sends.
     */
    public static final String EXPORT_KAFKA_SENT = "livestack.export.kafka.sent";
    public static final String EXPORT_KAFKA_ACKNOWLEDGED = "livestack.export.kafka.acknowledged";
    public static final String EXPORT_KAFKA_DUPLICATES_SKIPPED = "livestack.export.kafka.duplicates_skipped";
    public static final String EXPORT_KAFKA_RESENT = "livestack.export.kafka.resent";
    public static final String EXPORT_KAFKA_FAILURES = "livestack.export.kafka.failures";
    /** Timer: from a record's event intake time (wall clock) to the broker's acknowledgement of its message. */
    public static final String EXPORT_KAFKA_RECORD_TO_ACK = "livestack.export.kafka.record_to_ack";

    // ---------------------------------------------------------------- collected by the metrics bundle

    /** Gauge {state} (metrics bundle): 1 for the current SessionState, 0 for the others. */
    public static final String RUNTIME_SESSION_STATE = "livestack.runtime.session.state";
    /** Gauge (metrics bundle): sequence number of the last event. */
    public static final String RUNTIME_LAST_SEQ = "livestack.runtime.last.seq";
    /** Gauge (metrics bundle): events waiting in the intake queue. */
    public static final String RUNTIME_QUEUE_DEPTH = "livestack.runtime.queue.depth";
    /** Gauge (metrics bundle): capacity of the intake queue (0 when unknown). */
    public static final String RUNTIME_QUEUE_CAPACITY = "livestack.runtime.queue.capacity";
    /** Counter (metrics bundle): events processed since start. */
    public static final String RUNTIME_EVENTS_PROCESSED = "livestack.runtime.events.processed";
    /** Counter (metrics bundle): market data events merged away by conflation since start. */
    public static final String RUNTIME_CONFLATED = "livestack.runtime.conflated";
    /**
     * Counter (metrics bundle, from {@code LiveRuntime.counters()} "venues.refused"): venue adapter services refused
     * because another adapter already serves their venue id (the first one stays bound).
     */
    public static final String RUNTIME_VENUES_REFUSED = RUNTIME_COUNTER_PREFIX + "venues.refused";
    /** Gauge {stage} (metrics bundle): 1 when the stage is bound, 0 when missing. */
    public static final String RUNTIME_STAGE_BOUND = "livestack.runtime.stage.bound";
    /** Gauge (metrics bundle): 1 while the kill switch is engaged. */
    public static final String RUNTIME_KILL_SWITCH = "livestack.runtime.kill_switch.engaged";
    /** Gauge {scope,state} (metrics bundle): 1 for each scope's current trading state, 0 for the others. */
    public static final String RUNTIME_TRADING_STATE = "livestack.runtime.trading.state";
    /** Gauge {venue,state} (metrics bundle): 1 for the venue's current session state, 0 for the others. */
    public static final String VENUE_SESSION_STATE = "livestack.venue.session.state";
    /** Gauge {venue} (metrics bundle): 1 when the venue is LOGGED_ON. */
    public static final String VENUE_UP = "livestack.venue.up";
    /** Gauge {venue} (metrics bundle): open orders at the venue. */
    public static final String VENUE_OPEN_ORDERS = "livestack.venue.open.orders";
    /** Gauge {instrument} (metrics bundle): net position (units). */
    public static final String POSITION_NET = "livestack.position.net";
    /** Gauge {instrument} (metrics bundle): realized / unrealized P&amp;L (quote currency). */
    public static final String PNL_REALIZED = "livestack.pnl.realized";
    public static final String PNL_UNREALIZED = "livestack.pnl.unrealized";
    /**
     * Gauges {scope,id} (metrics bundle, from {@code StateView.pnl()}): the P&amp;L of the desk, every account and every
     * strategy that holds or held a position, over all its instruments, in the reporting currency
     * ({@code PnlView}). {@code scope} is {@code desk}, {@code account} or {@code strategy}; {@code id} is the account
     * or strategy id, {@code *} for the desk. Realized, unrealized, fees, and net = realized + unrealized − fees.
     */
    public static final String PNL_SCOPE_REALIZED = "livestack.pnl.scope.realized";
    public static final String PNL_SCOPE_UNREALIZED = "livestack.pnl.scope.unrealized";
    public static final String PNL_SCOPE_FEES = "livestack.pnl.scope.fees";
    public static final String PNL_SCOPE_NET = "livestack.pnl.scope.net";
    /** Gauge {strategy} (metrics bundle): 1 while the strategy runs. */
    public static final String STRATEGY_RUNNING = "livestack.strategy.running";
    /** Counter {strategy} (metrics bundle): intents emitted / faults / events fed. */
    public static final String STRATEGY_INTENTS = "livestack.strategy.intents";
    public static final String STRATEGY_FAULTS = "livestack.strategy.faults";
    public static final String STRATEGY_EVENTS = "livestack.strategy.events";
    /** Gauge {strategy} (seconds, metrics bundle): mean / max time of the strategy's onEvent. */
    public static final String STRATEGY_EVENT_MEAN = "livestack.strategy.event.mean.seconds";
    public static final String STRATEGY_EVENT_MAX = "livestack.strategy.event.max.seconds";
    /** Gauge {limit} (metrics bundle): a risk limit and its current usage, when both are numeric. */
    public static final String RISK_LIMIT = "livestack.risk.limit";
    public static final String RISK_USAGE = "livestack.risk.usage";
    /**
     * Gauge {limit,scope} (risk bundle): how much of a risk limit its scope uses (usage / limit; 1 or more is a
     * breach), per limit and scope ("desk", "strategy:S", "account:A", "instrument:I", "venue:V").
     */
    public static final String RISK_LIMIT_UTILIZATION = "livestack.risk.limit.utilization";
    /** Counter {limit} (risk bundle): times a risk limit refused an order or acted (a loss limit, the throttle). */
    public static final String RISK_BREACHES = "livestack.risk.breaches";

    /**
     * A labelled registry name: {@code tagged("livestack.orders.sent", "venue", "SIM", "strategy", "mm1")} is
     * {@code livestack.orders.sent{venue=SIM,strategy=mm1}}. Characters that would break the syntax
     * ({@code { } , = "} and whitespace) in a value are replaced by '_'. Not for the processing loop: build names
     * once and keep the metric.
     */
    public static String tagged(String base, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in key/value pairs, got " + keyValues.length + " strings");
        }
        if (keyValues.length == 0) {
            return base;
        }
        StringBuilder sb = new StringBuilder(base.length() + 16 * keyValues.length).append(base).append('{');
        for (int i = 0; i < keyValues.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(clean(keyValues[i])).append('=').append(clean(keyValues[i + 1]));
        }
        return sb.append('}').toString();
    }

    private static String clean(String s) {
        if (s == null || s.isEmpty()) {
            return "_";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c == '{' || c == '}' || c == ',' || c == '=' || c == '"' || Character.isWhitespace(c) ? '_' : c);
        }
        return sb.toString();
    }
}
