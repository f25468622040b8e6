package io.livestack.api.model;

/** What an execution report says happened, normalised across FIX versions. */
public enum ExecType {
    PENDING_NEW, NEW, TRADE, PENDING_CANCEL, CANCELED, PENDING_REPLACE, REPLACED, REJECTED, EXPIRED, RESTATED,
    /** A status answer (e.g. to an OrderStatusRequest during reconciliation): no new execution. */
    ORDER_STATUS,
    /**
     * A trade bust: the venue cancelled the execution named by the report's {@code execRefId} (FIX ExecType H;
     * ExecTransType 1 in FIX 4.2). The fill is reversed.
     */
    TRADE_CANCEL,
    /**
     * A trade correction: the execution named by {@code execRefId} is replaced by the report's last quantity and
     * price (FIX ExecType G; ExecTransType 2 in FIX 4.2).
     */
    TRADE_CORRECT
}
