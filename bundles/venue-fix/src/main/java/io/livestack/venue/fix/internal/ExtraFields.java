package io.livestack.venue.fix.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.MsgType;

/**
 * Fixed fields a venue wants on our messages, from the keys {@code fields.SCOPE.TAG = value} of the venue file:
 * SCOPE {@code header} (the header of every message we send, admin ones included: SenderSubID 50, TargetSubID 57,
 * OnBehalfOfCompID 115, ...), {@code A} (our Logon: RawData 96/95, venue tags 9xxx, ...), {@code D}, {@code F},
 * {@code G}, {@code H}, {@code AF}, {@code V} (NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest,
 * OrderStatusRequest, OrderMassStatusRequest, MarketDataRequest) or {@code *} (all of those). A key ending in
 * {@code .secret} ({@code fields.A.96.secret = ...}) holds a value that is masked wherever messages are logged or
 * stored and in every description.
 * <p>
 * Tags the adapter sets itself (the session header, ClOrdID, prices, quantities, ... and the Logon's sequence and
 * credential tags) are refused with the key named: a fixed value there would corrupt the session or the order. A body
 * field the adapter did set on a message is not overwritten: an order's Account (1, see {@link OrderTags}) wins over
 * {@code fields.D.1}, which then is the Account of orders that have none of their own.
 */
final class ExtraFields {

    /** A key {@code fields.SCOPE.TAG[.secret]}. */
    private static final Pattern KEY = Pattern.compile("fields\\.([^.]+)\\.([^.]+)(\\.secret)?");
    private static final Pattern TAG = Pattern.compile("[1-9]\\d{0,4}");
    static final String HEADER = "header";
    static final String ALL_APP = "*";
    /** The application messages the adapter builds (the scopes besides header, A and *). */
    static final Set<String> APP_TYPES = Set.of(MsgType.ORDER_SINGLE, MsgType.ORDER_CANCEL_REQUEST,
            MsgType.ORDER_CANCEL_REPLACE_REQUEST, MsgType.ORDER_STATUS_REQUEST, MsgType.ORDER_MASS_STATUS_REQUEST,
            MsgType.MARKET_DATA_REQUEST);
    /** Standard header and trailer tags QuickFIX/J or the adapter sets. */
    private static final Set<Integer> HEADER_OWNED = Set.of(8, 9, 10, 34, 35, 43, 49, 52, 56, 97, 122, 369, 627,
            1128, 1129);
    /** Body tags each message's mapper sets (OutboundMapper; Logon: QuickFIX/J and the credentials). */
    private static final Map<String, Set<Integer>> BODY_OWNED = Map.of(
            MsgType.LOGON, Set.of(98, 108, 141, 383, 553, 554, 789, 925, 1137),
            MsgType.ORDER_SINGLE, Set.of(11, 21, 38, 40, 44, 54, 55, 59, 60),
            MsgType.ORDER_CANCEL_REQUEST, Set.of(11, 37, 38, 41, 54, 55, 60),
            MsgType.ORDER_CANCEL_REPLACE_REQUEST, Set.of(11, 21, 37, 38, 40, 41, 44, 54, 55, 59, 60),
            MsgType.ORDER_STATUS_REQUEST, Set.of(11, 37, 54, 55),
            MsgType.ORDER_MASS_STATUS_REQUEST, Set.of(584, 585),
            MsgType.MARKET_DATA_REQUEST, Set.of(146, 55, 262, 263, 264, 265, 266, 267, 269));

    static final ExtraFields NONE = new ExtraFields(Map.of(), Set.of());

    /** Scope → tag → value, in tag order. */
    private final Map<String, Map<Integer, String>> byScope;
    private final Set<Integer> secretTags;

    private ExtraFields(Map<String, Map<Integer, String>> byScope, Set<Integer> secretTags) {
        Map<String, Map<Integer, String>> copy = new TreeMap<>();
        byScope.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
        this.byScope = Collections.unmodifiableMap(copy);
        this.secretTags = Collections.unmodifiableSet(new TreeSet<>(secretTags));
    }

    static ExtraFields parse(VenueConfigReader r) {
        Map<String, Map<Integer, String>> byScope = new TreeMap<>();
        Set<Integer> secrets = new TreeSet<>();
        Map<String, String> keyOf = new LinkedHashMap<>();
        for (String key : new TreeSet<>(r.keys())) {
            if (!key.startsWith("fields.")) {
                continue;
            }
            Matcher m = KEY.matcher(key);
            if (!m.matches()) {
                throw r.bad(key, "", "expected a key fields.SCOPE.TAG or fields.SCOPE.TAG.secret (SCOPE header, A, D, "
                        + "F, G, H, AF, V or *), e.g. fields.D.1 = ACC-123");
            }
            String scope = m.group(1);
            boolean secret = m.group(3) != null;
            String shown = secret ? Masking.MASK : r.string(key, "");
            if (!scope.equals(HEADER) && !scope.equals(ALL_APP) && !scope.equals(MsgType.LOGON)
                    && !APP_TYPES.contains(scope)) {
                throw r.bad(key, shown, "unknown scope '" + scope + "': expected header, A (Logon), D, F, G, H, AF, "
                        + "V or * (every application message)");
            }
            if (!TAG.matcher(m.group(2)).matches()) {
                throw r.bad(key, shown, "'" + m.group(2) + "' is not a FIX tag number");
            }
            int tag = Integer.parseInt(m.group(2));
            String owner = owner(scope, tag);
            if (owner != null) {
                throw r.bad(key, shown, "tag " + tag + " is set by the adapter itself (" + owner + ")");
            }
            String value = r.secret(key).strip(); // strip, not trim: trim would drop a SOH
            if (value.isEmpty() || value.chars().anyMatch(c -> c < ' ' || c == 127)) {
                throw r.bad(key, shown, "expected a non-empty value without control characters");
            }
            String earlier = keyOf.put(scope + "." + tag, key);
            if (earlier != null) {
                throw r.bad(key, shown, "tag " + tag + " is already given by " + earlier);
            }
            byScope.computeIfAbsent(scope, k -> new TreeMap<>()).put(tag, value);
            if (secret) {
                secrets.add(tag);
            }
        }
        for (String scope : byScope.keySet()) {
            if (!scope.equals(ALL_APP) && APP_TYPES.contains(scope)) {
                for (Integer tag : byScope.getOrDefault(ALL_APP, Map.of()).keySet()) {
                    if (byScope.get(scope).containsKey(tag)) {
                        throw r.bad("fields." + scope + "." + tag, "", "tag " + tag + " is also given for every "
                                + "application message (fields.*." + tag + "): keep one");
                    }
                }
            }
        }
        return byScope.isEmpty() ? NONE : new ExtraFields(byScope, secrets);
    }

    /** Why the adapter owns {@code tag} in {@code scope}, or null. */
    private static String owner(String scope, int tag) {
        if (scope.equals(HEADER)) {
            return HEADER_OWNED.contains(tag) ? "session header" : null;
        }
        if (HEADER_OWNED.contains(tag)) {
            return "session header";
        }
        List<String> types = scope.equals(ALL_APP) ? new ArrayList<>(APP_TYPES) : List.of(scope);
        for (String type : types) {
            if (BODY_OWNED.get(type).contains(tag)) {
                return "the " + type + " message's own field"
                        + (type.equals(MsgType.LOGON) ? "; credentials: username / password" : "");
            }
        }
        return null;
    }

    boolean isEmpty() {
        return byScope.isEmpty();
    }

    /** Whether {@code scope} (header, A, a message type or *) has a fixed value for {@code tag}. */
    boolean sets(String scope, int tag) {
        return byScope.getOrDefault(scope, Map.of()).containsKey(tag);
    }

    /** Tags whose values are masked in logs, stores and descriptions. */
    Set<Integer> secretTags() {
        return secretTags;
    }

    /**
     * Adds the configured fields to an outgoing message: the header ones to every message, the Logon's to a Logon,
     * the application ones to the messages the adapter builds. Cheap: a few {@code setString} calls.
     */
    void apply(Message message) {
        if (byScope.isEmpty()) {
            return;
        }
        set(message.getHeader(), byScope.get(HEADER));
        String type;
        try {
            type = message.getHeader().getString(MsgType.FIELD);
        } catch (FieldNotFound e) {
            return;
        }
        if (APP_TYPES.contains(type)) {
            setAbsent(message, byScope.get(ALL_APP));
        }
        setAbsent(message, byScope.get(type));
    }

    private static void set(FieldMap target, Map<Integer, String> fields) {
        if (fields != null) {
            fields.forEach(target::setString);
        }
    }

    /** The body fields the message does not have yet: a value the adapter set (an order's Account) wins. */
    private static void setAbsent(FieldMap target, Map<Integer, String> fields) {
        if (fields != null) {
            fields.forEach((tag, value) -> {
                if (!target.isSetField(tag)) {
                    target.setString(tag, value);
                }
            });
        }
    }

    /** "header 50=DESK1, D 1=ACC-123, A 96=********" (secret values masked). */
    @Override
    public String toString() {
        if (byScope.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        byScope.forEach((scope, fields) -> fields.forEach((tag, value) -> parts.add(scope + " " + tag + "="
                + (secretTags.contains(tag) ? Masking.MASK : value))));
        return String.join(", ", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtraFields e && e.byScope.equals(byScope) && e.secretTags.equals(secretTags);
    }

    @Override
    public int hashCode() {
        return byScope.hashCode() * 31 + secretTags.hashCode();
    }
}
