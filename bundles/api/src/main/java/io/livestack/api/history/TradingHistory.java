package io.livestack.api.history;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.TradingDay;
import io.livestack.api.record.FillRecord;
import io.livestack.api.state.OrderView;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Orders and fills as the operator sees them (the shell's {@code livestack:orders}, {@code livestack:fills},
 * {@code livestack:order-events}, the web console): the live state — the newest truth of this session — and the
 * database ({@link StoredHistory}: earlier sessions and whatever the state no longer holds) together, each order and
 * fill once; the state's view of an order wins. Without a database (storage not running, the database down) the pages
 * hold the state's rows and say why the rest is missing. Any thread; each call waits for the processing loop (a
 * state query) and the database.
 */
@ProviderType
public interface TradingHistory {

    /** The trading day in force (the risk stage's; midnight UTC without one): what "today" means. */
    TradingDay tradingDay();

    /**
     * A page of the orders alive in the query's range ({@link HistoryQuery#matches(OrderView)}), newest first. An
     * IllegalStateException when the live state cannot be read (the processing loop does not answer).
     */
    HistoryPage<OrderView> orders(HistoryQuery query);

    /** A page of the fills, busts and corrections of the query's range, newest first; as {@link #orders}. */
    HistoryPage<FillRecord> fills(HistoryQuery query);

    /**
     * One order's events by its handle or, while the state holds the order, any ClOrdID of its chain; null when
     * neither the state nor the database knows it (or the database cannot be asked and the state does not know it:
     * then an {@link OrderHistory} saying so).
     */
    OrderHistory orderEvents(ClientOrderId anyClientOrderId);
}
