package io.livestack.venue.fix.internal;

import io.livestack.api.model.AccountId;
import io.livestack.api.state.OrderView;
import java.util.Set;
import quickfix.Message;
import quickfix.field.MsgType;

/**
 * Who an order is for, on our order messages (NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest): Account
 * (1) = the order's account, unless it is {@link AccountId#DEFAULT} and the venue's file names no {@code account}
 * (then no Account: a fixed {@code fields.D.1} of {@link ExtraFields} may give one); with {@code strategyTag = TAG}
 * the order's strategy id in that tag. The order's own Account wins over a fixed {@code fields.SCOPE.1}: extra
 * fields never overwrite a body field the adapter set.
 *
 * @param account the venue's configured {@code account} (the runtime gives it to its orders without one), or null
 * @param strategyTag the tag that carries the strategy id, 0 for none
 */
record OrderTags(AccountId account, int strategyTag) {

    static final OrderTags NONE = new OrderTags(null, 0);
    static final int ACCOUNT_TAG = 1;
    /** The order messages that carry them. */
    static final Set<String> TYPES = Set.of(MsgType.ORDER_SINGLE, MsgType.ORDER_CANCEL_REQUEST,
            MsgType.ORDER_CANCEL_REPLACE_REQUEST);
    /** Standard header and trailer tags (BeginString ... CheckSum, OnBehalfOf/DeliverTo, Sub/Location ids). */
    private static final Set<Integer> HEADER_TAGS = Set.of(8, 9, 10, 34, 35, 43, 49, 50, 52, 56, 57, 97, 115, 116,
            122, 128, 129, 142, 143, 144, 145, 212, 213, 347, 369, 627, 1128, 1129);
    /** Body tags the order messages' mappers set themselves. */
    private static final Set<Integer> BODY_TAGS = Set.of(1, 11, 21, 37, 38, 40, 41, 44, 54, 55, 59, 60);

    static OrderTags parse(VenueConfigReader r, ExtraFields extraFields) {
        String accountText = r.string("account", "");
        AccountId account;
        try {
            account = AccountId.orElse(accountText, null);
        } catch (IllegalArgumentException e) {
            throw r.bad("account", accountText, e.getMessage());
        }
        String tagText = r.string("strategyTag", "").trim();
        int tag = 0;
        if (!tagText.isEmpty()) {
            tag = r.integer("strategyTag", 0, 1, 99_999);
            if (HEADER_TAGS.contains(tag)) {
                throw r.bad("strategyTag", tagText, "tag " + tag + " is a standard header tag");
            }
            if (BODY_TAGS.contains(tag)) {
                throw r.bad("strategyTag", tagText, "tag " + tag + " is set by the adapter itself on order messages");
            }
            for (String type : new String[] {ExtraFields.ALL_APP, MsgType.ORDER_SINGLE,
                    MsgType.ORDER_CANCEL_REQUEST, MsgType.ORDER_CANCEL_REPLACE_REQUEST}) {
                if (extraFields.sets(type, tag)) {
                    throw r.bad("strategyTag", tagText, "tag " + tag + " is also given as a fixed field (fields."
                            + type + "." + tag + "): keep one");
                }
            }
        }
        return account == null && tag == 0 ? NONE : new OrderTags(account, tag);
    }

    /** Sets Account and the strategy tag of {@code order} on one of its order messages. */
    void apply(Message m, OrderView order) {
        AccountId orderAccount = order.account();
        if (account != null || !AccountId.DEFAULT.equals(orderAccount)) {
            m.setString(ACCOUNT_TAG, orderAccount.value());
        }
        if (strategyTag != 0) {
            m.setString(strategyTag, order.strategy().value());
        }
    }

    String describe() {
        return "account " + (account == null ? "none" : account) + ", strategyTag "
                + (strategyTag == 0 ? "none" : String.valueOf(strategyTag));
    }
}
