package io.livestack.venue.fix.internal;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import io.livestack.api.state.OrderView;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import quickfix.ConfigError;
import quickfix.DataDictionary;
import quickfix.InvalidMessage;
import quickfix.Message;
import quickfix.MessageFactory;
import quickfix.field.MsgType;

/** Shared test data: orders, FIX messages of each version, and the data dictionaries to check them against. */
final class Fixtures {

    static final MessageFactory FACTORY = FixDialect.messageFactory();
    static final VenueId VENUE = VenueId.of("V1");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    static final LocalDateTime T0 = LocalDateTime.of(2025, 3, 14, 9, 30, 0, 123_000_000);
    private static final Map<FixDialect, DataDictionary[]> DICTIONARIES = new EnumMap<>(FixDialect.class);

    private Fixtures() {
    }

    /**
     * Settings of venue V1 (CompIDs US → VENUE, BTC-USD) that point at a port nobody listens on: an adapter started
     * with them goes to ERROR and stays there (reconnect every 600 s), so its callbacks can be driven directly.
     */
    static Map<String, Object> unreachableVenue(String beginString) throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Map<String, Object> p = new HashMap<>();
        p.put("venue", VENUE.value());
        p.put("port", closedPort);
        p.put("beginString", beginString);
        p.put("senderCompID", "US");
        p.put("targetCompID", "VENUE");
        p.put("reconnectInterval", "600");
        p.put("instruments", BTC.value());
        return p;
    }

    static OrderView order(String id, Side side, OrderType type, TimeInForce tif, long price, long quantity) {
        return new OrderView(ClientOrderId.of(id), ClientOrderId.of(id), null, null, StrategyId.of("s1"), VENUE, BTC,
                side, type, tif, price, quantity, 0, 0, OrderStatus.PENDING_NEW, 0, 0, false, true, null, 1, 1, 0, 0);
    }

    static OrderView acknowledged(OrderView o, String venueOrderId, String currentId) {
        return new OrderView(o.clientOrderId(), ClientOrderId.of(currentId), o.pendingClientOrderId(),
                VenueOrderId.of(venueOrderId), o.strategy(), o.venue(), o.instrument(), o.side(), o.type(),
                o.timeInForce(), o.price(), o.quantity(), o.filledQuantity(), o.averageFillPrice(), OrderStatus.NEW,
                0, 0, false, true, null, o.createdSeq(), o.updatedSeq(), 0, 0);
    }

    /** [session dictionary, application dictionary] of a version. */
    static synchronized DataDictionary[] dictionaries(FixDialect d) {
        return DICTIONARIES.computeIfAbsent(d, k -> {
            try {
                return switch (k) {
                    case FIX42 -> twice(new DataDictionary(FixDialect.dictionary(quickfix.fix42.MessageFactory.class,
                            "FIX42.xml")));
                    case FIX44 -> twice(new DataDictionary(FixDialect.dictionary(quickfix.fix44.MessageFactory.class,
                            "FIX44.xml")));
                    case FIX50SP2 -> new DataDictionary[] {
                            new DataDictionary(FixDialect.dictionary(quickfix.fixt11.MessageFactory.class,
                                    "FIXT11.xml")),
                            new DataDictionary(FixDialect.dictionary(quickfix.fix50sp2.MessageFactory.class,
                                    "FIX50SP2.xml")) };
                };
            } catch (ConfigError e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static DataDictionary[] twice(DataDictionary dd) {
        return new DataDictionary[] {dd, dd};
    }

    /** Throws when the message body is not valid for its version (required fields, values, fields per type). */
    static void assertValid(FixDialect d, Message m) throws Exception {
        dictionaries(d)[1].validate(m, true);
    }

    /**
     * The message as it arrives from the wire: header filled in, serialised, parsed back with the version's
     * dictionaries (repeating groups included) and validated.
     */
    static Message wire(FixDialect d, Message m, int seqNum) throws Exception {
        m.getHeader().setString(quickfix.field.BeginString.FIELD, d.beginString());
        m.getHeader().setString(quickfix.field.SenderCompID.FIELD, "VENUE");
        m.getHeader().setString(quickfix.field.TargetCompID.FIELD, "US");
        m.getHeader().setInt(quickfix.field.MsgSeqNum.FIELD, seqNum);
        m.getHeader().setUtcTimeStamp(quickfix.field.SendingTime.FIELD, T0, true);
        String text = m.toString();
        String msgType = m.getHeader().getString(MsgType.FIELD);
        Message parsed = FACTORY.create(d.beginString(), msgType);
        DataDictionary[] dd = dictionaries(d);
        try {
            parsed.fromString(text, dd[0], dd[1], true);
        } catch (InvalidMessage e) {
            throw new AssertionError("not parseable: " + text.replace('\u0001', '|'), e);
        }
        if (quickfix.MessageUtils.isAdminMessage(msgType)) {
            dd[0].validate(parsed, true);
        } else {
            assertValid(d, parsed);
        }
        return parsed;
    }

    static BigDecimal bd(String text) {
        return new BigDecimal(text);
    }

    /** ExecType of a fill in this version: 4.2 partial fill (1) / fill (2), later trade (F). */
    static char fillExecType(FixDialect d, boolean complete) {
        return d.isFix42() ? (complete ? '2' : '1') : 'F';
    }

    /** A valid execution report of this version; adjust it with {@link Er#set} / {@link Er#remove}. */
    static Er er(FixDialect d, char execType, char ordStatus) {
        return new Er(d, execType, ordStatus);
    }

    static final class Er {
        final FixDialect dialect;
        final Message m;

        Er(FixDialect d, char execType, char ordStatus) {
            this.dialect = d;
            this.m = d.newMessage(FACTORY, MsgType.EXECUTION_REPORT);
            m.setString(37, "VO-1");
            m.setString(11, "C-1");
            m.setString(17, "EX-1");
            if (d.isFix42()) {
                m.setChar(20, '0');
            }
            m.setChar(150, execType);
            m.setChar(39, ordStatus);
            m.setString(55, "BTC-USD");
            m.setChar(54, '1');
            m.setDecimal(38, bd("2"));
            m.setChar(40, '2');
            m.setDecimal(44, bd("30000.5"));
            m.setChar(59, '0');
            m.setDecimal(151, bd("2"));
            m.setDecimal(14, bd("0"));
            m.setDecimal(6, bd("0"));
            m.setUtcTimeStamp(60, T0, true);
        }

        Er set(int tag, String value) {
            m.setString(tag, value);
            return this;
        }

        Er remove(int tag) {
            m.removeField(tag);
            return this;
        }

        Er fill(String lastQty, String lastPx, String cum, String leaves, String avg) {
            m.setString(32, lastQty);
            m.setString(31, lastPx);
            m.setString(14, cum);
            m.setString(151, leaves);
            m.setString(6, avg);
            return this;
        }

        Message wire(int seqNum) throws Exception {
            return Fixtures.wire(dialect, m, seqNum);
        }
    }
}
