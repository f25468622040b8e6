package io.livestack.shell.internal;

import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.OrderView;

/**
 * Manual orders and cancels as intents of the strategy {@link Intent#MANUAL}: they go through risk and execution
 * control like a strategy's. The ClOrdID of a new order is made by the runtime on the processing thread; the placeholder
 * here is replaced.
 */
final class ManualOrders {

    static final ClientOrderId PLACEHOLDER = ClientOrderId.of("manual");

    private ManualOrders() {
    }

    /**
     * A new order from the shell's words: {@code type} defaults to LIMIT (which needs a price), {@code tif} to DAY;
     * a MARKET order takes no price.
     */
    static SubmitOrder submit(VenueId venue, InstrumentId instrument, String side, String quantity, String price,
            String type, String tif) {
        Side s = Args.side(side);
        long q = Args.quantity(quantity);
        OrderType t = type == null ? OrderType.LIMIT : Args.orderType(type);
        TimeInForce f = tif == null ? TimeInForce.DAY : Args.timeInForce(tif);
        long p;
        if (t == OrderType.LIMIT) {
            if (price == null) {
                throw new IllegalArgumentException("a LIMIT order needs a price (or use --type MARKET)");
            }
            p = Args.price(price);
        } else {
            if (price != null) {
                throw new IllegalArgumentException("a MARKET order takes no price (got '" + price + "')");
            }
            p = 0;
        }
        return new SubmitOrder(Intent.MANUAL, PLACEHOLDER, venue, instrument, s, t, f, p, q);
    }

    /** Price, type and time in force from what follows the quantity. */
    record Trailing(String price, String type, String tif) {
    }

    /**
     * Karaf stops reading options at the first argument: options written after the arguments
     * ({@code ... 0.1 --type MARKET}) arrive here with the price. {@code type}/{@code tif} are the options given
     * before the arguments (null when absent); giving one twice is an error.
     */
    static Trailing trailing(java.util.List<String> rest, String type, String tif) {
        String price = null;
        String t = type;
        String f = tif;
        java.util.List<String> words = rest == null ? java.util.List.of() : rest;
        for (int k = 0; k < words.size(); k++) {
            String w = words.get(k);
            String name = w;
            String value = null;
            int eq = w.indexOf('=');
            if (w.startsWith("-") && eq > 0) {
                name = w.substring(0, eq);
                value = w.substring(eq + 1);
            }
            switch (name) {
                case "--type", "-t", "--tif" -> {
                    if (value == null) {
                        if (k + 1 >= words.size()) {
                            throw new IllegalArgumentException("option " + name + " needs a value");
                        }
                        value = words.get(++k);
                    }
                    if (name.equals("--tif")) {
                        if (f != null) {
                            throw new IllegalArgumentException("option --tif given twice");
                        }
                        f = value;
                    } else {
                        if (t != null) {
                            throw new IllegalArgumentException("option --type given twice");
                        }
                        t = value;
                    }
                }
                default -> {
                    if (w.startsWith("--") || (w.startsWith("-") && !Character.isDigit(w.length() > 1 ? w.charAt(1)
                            : 'x'))) {
                        throw new IllegalArgumentException("unknown option '" + w + "' (options: --type, --tif)");
                    }
                    if (price != null) {
                        throw new IllegalArgumentException("unexpected argument '" + w + "' after the price "
                                + price);
                    }
                    price = w;
                }
            }
        }
        return new Trailing(price, t, f);
    }

    /** A cancel of {@code order}, which must exist and be open. */
    static CancelOrder cancel(String id, OrderView order) {
        ClientOrderId clOrdId = Args.clientOrderId(id);
        if (order == null) {
            throw new IllegalArgumentException("unknown order '" + id + "'");
        }
        if (!order.isOpen()) {
            throw new IllegalArgumentException("order " + order.clientOrderId() + " is not open (" + order.status()
                    + ")");
        }
        return new CancelOrder(Intent.MANUAL, order.clientOrderId() != null ? order.clientOrderId() : clOrdId);
    }
}
