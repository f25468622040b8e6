package io.livestack.api.event;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import java.util.Objects;

/**
 * A venue's execution report, normalised. {@code clientOrderId} is the ClOrdID the report names (for a cancel or
 * replace, the request's), {@code origClientOrderId} the one it replaces or cancels (null when absent). Quantities
 * and prices are fixed-point; {@code lastQuantity}/{@code lastPrice} are non-zero only for {@link ExecType#TRADE}.
 * {@code fee} is fixed-point in {@code feeCurrency} (null when the venue sends none). {@code possibleDuplicate} is
 * set for FIX PossDup/PossResend messages: the exec id decides whether it is really new. {@code venueSeq} is the
 * inbound sequence number of the venue session's message that carried it (FIX MsgSeqNum; 0 when there is none): the
 * journal keeps it, so that after a restart the venue is asked to resend what the journal never saw. {@code execRefId}
 * names the execution a {@link ExecType#TRADE_CANCEL} or {@link ExecType#TRADE_CORRECT} busts or corrects (FIX
 * ExecRefID; null otherwise); a correction's {@code lastQuantity}/{@code lastPrice} are the corrected values.
 */
public record ExecutionReport(
        VenueId venue,
        long sourceTimeNanos,
        ClientOrderId clientOrderId,
        ClientOrderId origClientOrderId,
        VenueOrderId venueOrderId,
        ExecId execId,
        ExecType execType,
        OrderStatus orderStatus,
        InstrumentId instrument,
        Side side,
        long orderQuantity,
        long price,
        long lastQuantity,
        long lastPrice,
        long cumulativeQuantity,
        long leavesQuantity,
        long averagePrice,
        LiquidityFlag liquidity,
        long fee,
        String feeCurrency,
        String text,
        boolean possibleDuplicate,
        long venueSeq,
        ExecId execRefId) implements Event {

    /** A report without the venue session's inbound sequence number (not from a FIX session, or not known). */
    public ExecutionReport(VenueId venue, long sourceTimeNanos, ClientOrderId clientOrderId,
            ClientOrderId origClientOrderId, VenueOrderId venueOrderId, ExecId execId, ExecType execType,
            OrderStatus orderStatus, InstrumentId instrument, Side side, long orderQuantity, long price,
            long lastQuantity, long lastPrice, long cumulativeQuantity, long leavesQuantity, long averagePrice,
            LiquidityFlag liquidity, long fee, String feeCurrency, String text, boolean possibleDuplicate) {
        this(venue, sourceTimeNanos, clientOrderId, origClientOrderId, venueOrderId, execId, execType, orderStatus,
                instrument, side, orderQuantity, price, lastQuantity, lastPrice, cumulativeQuantity, leavesQuantity,
                averagePrice, liquidity, fee, feeCurrency, text, possibleDuplicate, 0, null);
    }

    /** A report that busts or corrects no earlier execution. */
    public ExecutionReport(VenueId venue, long sourceTimeNanos, ClientOrderId clientOrderId,
            ClientOrderId origClientOrderId, VenueOrderId venueOrderId, ExecId execId, ExecType execType,
            OrderStatus orderStatus, InstrumentId instrument, Side side, long orderQuantity, long price,
            long lastQuantity, long lastPrice, long cumulativeQuantity, long leavesQuantity, long averagePrice,
            LiquidityFlag liquidity, long fee, String feeCurrency, String text, boolean possibleDuplicate,
            long venueSeq) {
        this(venue, sourceTimeNanos, clientOrderId, origClientOrderId, venueOrderId, execId, execType, orderStatus,
                instrument, side, orderQuantity, price, lastQuantity, lastPrice, cumulativeQuantity, leavesQuantity,
                averagePrice, liquidity, fee, feeCurrency, text, possibleDuplicate, venueSeq, null);
    }

    public ExecutionReport {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(execId, "execId");
        Objects.requireNonNull(execType, "execType");
        Objects.requireNonNull(orderStatus, "orderStatus");
        if (liquidity == null) {
            liquidity = LiquidityFlag.UNKNOWN;
        }
        if (lastQuantity < 0 || cumulativeQuantity < 0 || leavesQuantity < 0) {
            throw new IllegalArgumentException("negative quantity in execution report " + execId);
        }
        if (venueSeq < 0) {
            throw new IllegalArgumentException("negative venue sequence number in execution report " + execId);
        }
        if (execType == ExecType.TRADE && lastQuantity == 0) {
            throw new IllegalArgumentException("trade execution report " + execId + " has no last quantity");
        }
        if ((execType == ExecType.TRADE_CANCEL || execType == ExecType.TRADE_CORRECT) && execRefId == null) {
            throw new IllegalArgumentException(execType + " execution report " + execId
                    + " does not name the execution it refers to (ExecRefID)");
        }
        if (execType == ExecType.TRADE_CORRECT && lastQuantity == 0) {
            throw new IllegalArgumentException("trade correction " + execId + " has no corrected last quantity");
        }
    }

    public boolean isTrade() {
        return execType == ExecType.TRADE;
    }
}
