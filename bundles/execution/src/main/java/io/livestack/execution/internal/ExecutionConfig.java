package io.livestack.execution.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Execution control settings, PID {@value ExecutionSettings#PID} ({@code etc/livestack.execution.cfg}). */
@ObjectClassDefinition(name = "Live Stack execution control",
        description = "Order lifecycle, trading states and the kill switch")
public @interface ExecutionConfig {

    @AttributeDefinition(description = "When a restatement or status answer reports a higher cumulative quantity "
            + "than the fills received, book the difference as one synthesized fill (exec id SYN-<order>-<cumQty>)")
    boolean synthesizeMissingFills() default true;

    @AttributeDefinition(description = "The kill switch (and its reconnect sweep) also re-sends a cancel for orders "
            + "already pending cancel: the earlier request may be lost")
    boolean killResendsPendingCancels() default true;

    @AttributeDefinition(description = "While the kill switch is engaged, cancel a venue's open orders again each "
            + "time it is LOGGED_ON (orders at venues without adapter at kill time are cancelled this way)")
    boolean killSweepOnReconnect() default true;

    @AttributeDefinition(description = "Apply fills reported for orders this runtime does not know to the position "
            + "(strategy 'unknown'); they are always recorded as metadata")
    boolean applyUnknownOrderFills() default true;

    @AttributeDefinition(description = "A cancel or replace the venue leaves unanswered this long gets a status "
            + "request; still unanswered after as long again, the order is flagged STUCK for operators (100 ms to "
            + "1 hour)")
    long stuckRequestTimeoutMs() default ExecutionSettings.DEFAULT_STUCK_TIMEOUT_MS;
}
