package io.livestack.fix.exchange.sim.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.Account;
import quickfix.field.ClOrdID;
import quickfix.field.OrigClOrdID;

/**
 * The Account (1) a client gave its orders, echoed on their execution reports as a venue does: a NewOrderSingle's
 * Account belongs to its ClOrdID; a replace keeps the order's Account unless it names another.
 */
final class SimAccounts {

    /** owner|ClOrdID → Account. */
    private final Map<String, String> accounts = new ConcurrentHashMap<>();

    /** A NewOrderSingle or OrderCancelReplaceRequest of {@code owner} came in. */
    void remember(String owner, Message order) throws FieldNotFound {
        String clOrdId = order.getString(ClOrdID.FIELD);
        String account = order.isSetField(Account.FIELD) ? order.getString(Account.FIELD) : null;
        if (account == null && order.isSetField(OrigClOrdID.FIELD)) {
            account = accounts.get(owner + "|" + order.getString(OrigClOrdID.FIELD));
        }
        if (account != null) {
            accounts.put(owner + "|" + clOrdId, account);
        }
    }

    /** Sets the order's Account on an execution report to {@code owner} (by its ClOrdID), when it had one. */
    void stamp(String owner, Message report) {
        try {
            String account = accounts.get(owner + "|" + report.getString(ClOrdID.FIELD));
            if (account != null) {
                report.setString(Account.FIELD, account);
            }
        } catch (FieldNotFound e) {
            // a report without ClOrdID: nothing to echo
        }
    }
}
