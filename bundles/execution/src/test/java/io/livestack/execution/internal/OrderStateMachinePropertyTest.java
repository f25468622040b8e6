package io.livestack.execution.internal;

import static io.livestack.api.model.Fixed.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.state.OrderView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of venue reports, requests, duplicates, delayed (out-of-order) trades and reconciliation answers,
 * from seeded generators; after every step the state machine's invariants must hold.
 */
class OrderStateMachinePropertyTest {

    private static final int SEEDS = 200;
    private static final int STEPS = 120;

    @Test
    void invariantsHoldForRandomReportSequences() {
        long duplicates = 0;
        long synthesized = 0;
        long overfills = 0;
        long lateOrAbsorbed = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Run run = new Run(seed);
            try {
                run.run();
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
            duplicates += run.f.execution.duplicateReports();
            synthesized += run.f.execution.synthesizedFills();
            overfills += run.f.execution.overfills();
            lateOrAbsorbed += run.f.ctx.records(MetadataRecord.class).stream()
                    .filter(m -> m.detail().contains("already booked by a synthesized fill")).count();
        }
        // the generator must reach the interesting paths, or the invariants prove little
        assertThat(duplicates).isPositive();
        assertThat(synthesized).isPositive();
        assertThat(overfills).isPositive();
        assertThat(lateOrAbsorbed).isPositive();
    }

    private final class Run {
        private final Random random;
        private final ExecutionFixture f;
        private final List<OrderView> handles = new ArrayList<>();
        /** What the venue has executed per order (its cumulative quantity). */
        private final Map<ClientOrderId, Long> venueCum = new HashMap<>();
        private final List<ExecutionReport> delivered = new ArrayList<>();
        private final List<ExecutionReport> delayed = new ArrayList<>();
        /** Distinct trade quantity delivered per order (by exec id). */
        private final Map<ClientOrderId, Long> distinctTradeQuantity = new HashMap<>();
        private final Set<String> deliveredTradeIds = new HashSet<>();
        private final Map<ClientOrderId, OrderStatus> terminal = new HashMap<>();
        private final Map<ClientOrderId, Long> lastFilled = new HashMap<>();

        Run(long seed) {
            random = new Random(seed);
            f = new ExecutionFixture();
        }

        void run() {
            int orders = 1 + random.nextInt(3);
            for (int i = 0; i < orders; i++) {
                OrderView order = f.submitted(f.limit(random.nextBoolean() ? Side.BUY : Side.SELL, of(100),
                        of(1 + random.nextInt(6))));
                handles.add(order);
                venueCum.put(order.clientOrderId(), 0L);
            }
            for (int step = 0; step < STEPS; step++) {
                OrderView order = f.order(handles.get(random.nextInt(handles.size())).clientOrderId());
                act(order);
                checkInvariants();
            }
        }

        private void deliver(ExecutionReport report) {
            delivered.add(report);
            if (report.isTrade() && deliveredTradeIds.add(report.execId().value())) {
                ClientOrderId handle = f.order(report.clientOrderId()).clientOrderId();
                distinctTradeQuantity.merge(handle, report.lastQuantity(), Long::sum);
            }
            f.report(report);
        }

        private ExecutionFixture.Report trade(OrderView order) {
            long quantity = of(1 + random.nextInt(3));
            long cum = venueCum.merge(order.clientOrderId(), quantity, Long::sum);
            return f.trade(order, quantity, of(95 + random.nextInt(10))).cum(cum);
        }

        private void act(OrderView order) {
            switch (random.nextInt(17)) {
                case 0, 1, 2 -> deliver(trade(order).build());
                case 3 -> delayed.add(trade(order).build()); // executed at the venue, report arrives later
                case 4 -> {
                    if (!delayed.isEmpty()) {
                        deliver(delayed.remove(random.nextInt(delayed.size())));
                    }
                }
                case 5 -> deliver(f.report(order, ExecType.NEW, OrderStatus.NEW).build());
                case 6 -> deliver(f.report(order, random.nextBoolean() ? ExecType.CANCELED : ExecType.EXPIRED,
                        OrderStatus.CANCELED).build());
                case 7 -> {
                    if (random.nextInt(4) == 0) {
                        deliver(f.report(order, ExecType.REJECTED, OrderStatus.REJECTED).build());
                    }
                }
                case 8, 9 -> {
                    if (!delivered.isEmpty()) { // a resend of something already seen
                        f.report(delivered.get(random.nextInt(delivered.size())));
                    }
                }
                case 10 -> {
                    if (order.isOpen()) {
                        f.cancel(order);
                    }
                }
                case 11 -> {
                    if (order.pendingClientOrderId() != null) {
                        f.cancelRejected(order, order.pendingClientOrderId(), order.status()
                                == OrderStatus.PENDING_REPLACE);
                    }
                }
                case 12 -> {
                    if (order.isOpen() && order.pendingClientOrderId() == null) {
                        f.replace(order, of(100), order.filledQuantity() + of(1 + random.nextInt(5)));
                    }
                }
                case 13 -> {
                    if (order.status() == OrderStatus.PENDING_REPLACE) {
                        deliver(f.report(order, ExecType.REPLACED, OrderStatus.NEW)
                                .clOrdId(order.pendingClientOrderId(), order.currentClientOrderId())
                                .orderQty(order.pendingQuantity()).price(order.pendingPrice())
                                .cum(venueCum.get(order.clientOrderId())).build());
                    }
                }
                case 14 -> {
                    OrderStatus[] statuses = {OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED, OrderStatus.FILLED,
                            OrderStatus.CANCELED};
                    ExecType type = random.nextBoolean() ? ExecType.ORDER_STATUS : ExecType.RESTATED;
                    deliver(f.report(order, type, statuses[random.nextInt(statuses.length)])
                            .execId(type == ExecType.ORDER_STATUS ? "0" : f.nextExecId())
                            .cum(venueCum.get(order.clientOrderId())).orderQty(0).price(0).build());
                }
                case 15 -> deliver(f.report(order, ExecType.PENDING_CANCEL, OrderStatus.PENDING_CANCEL).build());
                default -> deliver(f.report(order, ExecType.PENDING_NEW, OrderStatus.PENDING_NEW).build());
            }
        }

        private void checkInvariants() {
            List<FillRecord> fills = f.ctx.fills();
            Set<String> execIds = new HashSet<>();
            Map<ClientOrderId, Long> booked = new HashMap<>();
            Map<ClientOrderId, Long> synthesizedByOrder = new HashMap<>();
            long net = 0;
            for (FillRecord fill : fills) {
                assertThat(execIds.add(fill.venue() + "|" + fill.execId()))
                        .as("exec id %s booked once", fill.execId()).isTrue();
                booked.merge(fill.clientOrderId(), fill.quantity(), Long::sum);
                if (fill.execId().value().startsWith("SYN-")) {
                    synthesizedByOrder.merge(fill.clientOrderId(), fill.quantity(), Long::sum);
                }
                net += fill.side().sign() * fill.quantity();
            }
            assertThat(f.ctx.state.position(ExecutionFixture.BTC).netQuantity())
                    .as("position = signed sum of fills").isEqualTo(net);

            for (OrderView handle : handles) {
                OrderView order = f.order(handle.clientOrderId());
                ClientOrderId id = order.clientOrderId();
                long bookedQuantity = booked.getOrDefault(id, 0L);
                assertThat(order.filledQuantity()).as("filled of %s = its booked fills", id)
                        .isEqualTo(bookedQuantity);
                long synthesized = synthesizedByOrder.getOrDefault(id, 0L);
                assertThat(order.filledQuantity()).as("filled of %s <= distinct fills reported", id)
                        .isLessThanOrEqualTo(distinctTradeQuantity.getOrDefault(id, 0L) + synthesized);
                assertThat(order.filledQuantity()).as("filled of %s <= what the venue executed (no double count)", id)
                        .isLessThanOrEqualTo(venueCum.get(id));
                assertThat(order.filledQuantity()).as("filled of %s never decreases", id)
                        .isGreaterThanOrEqualTo(lastFilled.getOrDefault(id, 0L));
                lastFilled.put(id, order.filledQuantity());
                OrderStatus wasTerminal = terminal.get(id);
                if (wasTerminal != null) {
                    assertThat(order.status()).as("terminal status of %s never changes", id).isEqualTo(wasTerminal);
                } else if (order.status().isTerminal()) {
                    terminal.put(id, order.status());
                }
                assertThat(order.status()).as("status of %s is never REPLACED", id)
                        .isNotEqualTo(OrderStatus.REPLACED);
                if (order.filledQuantity() > order.quantity()) {
                    assertThat(order.overfilled()).as("overfill of %s is flagged", id).isTrue();
                }
                assertThat(f.ctx.state.openOrders().contains(order)).as("open index of %s", id)
                        .isEqualTo(order.isOpen());
            }
        }
    }
}
