package io.livestack.state.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = StateConfiguration.PID, name = "Live Stack state",
        description = "The state stage: order books, orders, positions and P&L; rebuilt by the runtime from its "
                + "snapshots and journal")
public @interface StateConfiguration {

    String PID = "livestack.state";
    String RETENTION_CLOSED_ORDERS = "retention.closedOrdersMillis";
    String RETENTION_EXECUTIONS = "retention.executionsMillis";
    long DEFAULT_CLOSED_ORDERS_MILLIS = 3_600_000;
    long DEFAULT_EXECUTIONS_MILLIS = 3_600_000;

    @AttributeDefinition(name = "Closed orders kept (ms)", min = "0",
            description = "How long an order stays in memory after it closed (filled, canceled, rejected, expired); "
                    + "it leaves at the next snapshot after that (the snapshots and the records keep it). A report "
                    + "for it after that is handled as one for an unknown order.")
    long retention_closedOrdersMillis() default DEFAULT_CLOSED_ORDERS_MILLIS;

    @AttributeDefinition(name = "Executions kept (ms)", min = "0",
            description = "How long the id of an applied execution is kept to recognise a resend; it leaves at the "
                    + "next snapshot after that. (After a restart the venue resends only what the journal never saw.)")
    long retention_executionsMillis() default DEFAULT_EXECUTIONS_MILLIS;
}
