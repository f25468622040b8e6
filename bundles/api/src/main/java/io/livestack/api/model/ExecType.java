package io.livestack.api.model;

/** What an execution report says happened, normalised across FIX versions. */
public enum ExecType {
    PENDING_NEW, NEW, TRADE, PENDING_CANCEL, CANCELED, PENDING_REPLACE, REPLACED, REJECTED, EXPIRED, RESTATED,
    /** A status answer (e.g. to an OrderStatusRequest during reconciliation): no new execution. */
    ORDER_STATUS
}
