package io.livestack.execution.internal;

import io.livestack.api.event.ExecutionReport;

/**
 * What makes a report the same report: its content, not its exec id alone — a venue's exec ids are unique only within
 * its trading day (FIX), so a venue that starts again after a restart or a new day reuses them. The identity is a
 * 64-bit FNV-1a digest (hex) of the order ids, exec type, order status, quantities and prices, and the exec id it
 * refers to: a PossDup/PossResend resend carries the same values and is recognised; a reused exec id with other
 * content is another execution.
 */
final class ReportIdentity {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private ReportIdentity() {
    }

    static String of(ExecutionReport r) {
        long h = OFFSET;
        h = mix(h, r.clientOrderId());
        h = mix(h, r.origClientOrderId());
        h = mix(h, r.venueOrderId());
        h = mix(h, r.execType());
        h = mix(h, r.orderStatus());
        h = mix(h, r.side());
        h = mix(h, r.instrument());
        h = mix(h, r.orderQuantity());
        h = mix(h, r.price());
        h = mix(h, r.lastQuantity());
        h = mix(h, r.lastPrice());
        h = mix(h, r.cumulativeQuantity());
        h = mix(h, r.leavesQuantity());
        h = mix(h, r.execRefId());
        return Long.toHexString(h);
    }

    private static long mix(long h, Object value) {
        String s = value == null ? "\u0000" : value.toString();
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * PRIME;
        }
        return (h ^ '|') * PRIME;
    }

    private static long mix(long h, long value) {
        for (int i = 0; i < 8; i++) {
            h = (h ^ ((value >>> (i * 8)) & 0xff)) * PRIME;
        }
        return h;
    }
}
