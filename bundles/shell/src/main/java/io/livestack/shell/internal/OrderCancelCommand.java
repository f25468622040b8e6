package io.livestack.shell.internal;

import io.livestack.api.event.Command.ManualIntent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.state.OrderView;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "livestack", name = "order-cancel", description = "Cancels an open order (any strategy's) by any "
        + "of its ClOrdIDs (operator)")
@Service
public class OrderCancelCommand extends LiveStackAction {

    @Argument(index = 0, name = "order", description = "ClOrdID of the order (see livestack:orders --open)",
            required = true)
    @Completion(OpenOrderCompleter.class)
    String order;

    @Override
    protected void run() throws Exception {
        ClientOrderId id = Args.clientOrderId(order);
        OrderView view = query(v -> v.order(id));
        command(new ManualIntent(ManualOrders.cancel(order, view)));
    }
}
