package io.livestack.venue.fix.internal;

import io.livestack.api.event.SentOrderRecovered;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.FieldNotFound;
import quickfix.IncorrectTagValue;
import quickfix.InvalidMessage;
import quickfix.Message;
import quickfix.MessageStore;
import quickfix.field.ClOrdID;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.Symbol;

/**
 * Orders sent before a power loss whose input the journal lost, found again in the FIX session's outbound store.
 * <p>
 * Beside QuickFIX/J's store, in {@value #FILE}, the adapter appends each NewOrderSingle's ClOrdID and strategy before
 * it hands the message to QuickFIX/J (written to the operating system at once; forced with {@code storeSync}, like
 * the store): the wire does not carry the strategy. After the runtime's recovery, before the session logs on,
 * {@link #unjournaled} reads the store's last {@value #SCAN} outbound messages and gives each NewOrderSingle whose
 * ClOrdID the runtime gave after its journal's last ({@code EventIntake.sentButNotJournaled}) as a
 * {@link SentOrderRecovered}, its strategy from the side file ({@value #UNKNOWN} when it is not there), so that the
 * order is booked before the venue's reports for it arrive. One instance per store directory; thread-safe.
 */
final class SentOrders implements Closeable {

    static final String FILE = "livestack-sent-orders.log";
    /** How many of the store's last outbound messages are read after a recovery. */
    static final int SCAN = 10_000;
    static final String UNKNOWN = "unknown";
    /** The side file is started afresh at a connect once it is larger than this (its older entries are journaled). */
    private static final long ROTATE_BYTES = 4L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(SentOrders.class);

    private final Path file;
    private final boolean sync;
    private FileChannel channel;
    private boolean failed;

    SentOrders(Path storeDir, boolean sync) {
        this.file = storeDir.resolve(FILE);
        this.sync = sync;
    }

    /** Records that {@code id} of {@code strategy} is about to be sent. A failure is logged once, never thrown. */
    synchronized void sending(ClientOrderId id, StrategyId strategy) {
        try {
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            }
            ByteBuffer line = ByteBuffer.wrap((id.value() + " " + strategy.value() + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            while (line.hasRemaining()) {
                channel.write(line);
            }
            if (sync) {
                channel.force(false);
            }
            failed = false;
        } catch (IOException | RuntimeException e) {
            if (!failed) {
                LOG.error("{}: cannot record the strategy of order {} beside the FIX store: after a power loss it would"
                        + " be recovered under the strategy '{}'", file, id, UNKNOWN, e);
            }
            failed = true;
        }
    }

    /**
     * The orders in {@code store}'s last {@value #SCAN} outbound messages that {@code notJournaled} names, in the order
     * they were sent. A message that cannot be read is skipped with a warning.
     */
    List<SentOrderRecovered> unjournaled(MessageStore store, VenueId venue, Predicate<ClientOrderId> notJournaled,
            long nowNanos) throws IOException {
        int next = store.getNextSenderMsgSeqNum();
        List<String> messages = new ArrayList<>();
        store.get(Math.max(1, next - SCAN), next - 1, messages);
        List<Message> orders = new ArrayList<>();
        for (String text : messages) {
            if (!text.contains("\u000135=D\u0001")) {
                continue;
            }
            try {
                Message m = new Message();
                m.fromString(text, null, false);
                if (MsgType.ORDER_SINGLE.equals(m.getHeader().getString(MsgType.FIELD))
                        && notJournaled.test(ClientOrderId.of(m.getString(ClOrdID.FIELD)))) {
                    orders.add(m);
                }
            } catch (InvalidMessage | FieldNotFound | RuntimeException e) {
                LOG.warn("{}: a stored outbound message cannot be read, skipped: {}", venue, e.toString());
            }
        }
        if (orders.isEmpty()) {
            return List.of();
        }
        Map<String, String> strategies = strategies();
        List<SentOrderRecovered> found = new ArrayList<>();
        for (Message m : orders) {
            try {
                found.add(recovered(m, venue, strategies, nowNanos));
            } catch (FieldNotFound | IncorrectTagValue | RuntimeException e) {
                LOG.error("{}: an order sent before the crash cannot be read from the store, not recovered: {}", venue,
                        e.toString());
            }
        }
        return found;
    }

    private static SentOrderRecovered recovered(Message m, VenueId venue, Map<String, String> strategies,
            long nowNanos) throws FieldNotFound, IncorrectTagValue {
        String id = m.getString(ClOrdID.FIELD);
        OrderType type = m.getChar(OrdType.FIELD) == OrdType.MARKET ? OrderType.MARKET : OrderType.LIMIT;
        TimeInForce tif = switch (m.isSetField(quickfix.field.TimeInForce.FIELD)
                ? m.getChar(quickfix.field.TimeInForce.FIELD) : quickfix.field.TimeInForce.DAY) {
            case quickfix.field.TimeInForce.IMMEDIATE_OR_CANCEL -> TimeInForce.IOC;
            case quickfix.field.TimeInForce.GOOD_TILL_CANCEL -> TimeInForce.GTC;
            default -> TimeInForce.DAY;
        };
        long price = type == OrderType.MARKET ? 0 : InboundMapper.fixed(m, Price.FIELD);
        return new SentOrderRecovered(nowNanos, venue, ClientOrderId.of(id),
                StrategyId.of(strategies.getOrDefault(id, UNKNOWN)), new InstrumentId(m.getString(Symbol.FIELD)),
                InboundMapper.side(m), type, tif, price, InboundMapper.fixed(m, OrderQty.FIELD),
                m.getHeader().getInt(MsgSeqNum.FIELD));
    }

    /** ClOrdID → strategy, as recorded (a torn last line is ignored). */
    private synchronized Map<String, String> strategies() throws IOException {
        Map<String, String> out = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            int space = line.indexOf(' ');
            if (space > 0 && space < line.length() - 1) {
                out.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return out;
    }

    /** At a connect, after the recovery's scan: a side file grown large starts afresh (what it held is journaled). */
    synchronized void rotateIfLarge() {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > ROTATE_BYTES) {
                close();
                Files.delete(file);
            }
        } catch (IOException e) {
            LOG.warn("{}: cannot start the side file afresh: {}", file, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("{}: close: {}", file, e.toString());
            }
            channel = null;
        }
    }
}
