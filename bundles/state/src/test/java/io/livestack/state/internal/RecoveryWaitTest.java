package io.livestack.state.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.state.internal.InMemoryStateStoreTest.order;
import static io.livestack.state.internal.InMemoryStateStoreTest.recovery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.record.RecordRecovery;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The state is not ready (intake holds every event) until a recovery from storage was applied, or the configured
 * {@code recovery.waitMs} passed without one; time from a fake clock.
 */
class RecoveryWaitTest {

    private static final InstrumentId BTC = InstrumentId.of("BTC-USD");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final InMemoryStateStore store = new InMemoryStateStore(15_000, nanos::get);

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static RecordRecovery storedSession() {
        return recovery(List.of(order("OPEN", BTC, Side.BUY, OrderStatus.NEW, 90)),
                List.of(new PositionView(BTC, of(1), of(100), 0, 0, 0, of(1), 0, 95)), List.of("sim|E9"), 99);
    }

    @Test
    void isNotReadyWhileItWaitsForARecovery() {
        assertThat(store.ready()).isFalse();
        advance(Duration.ofMillis(14_999));
        assertThat(store.ready()).isFalse();
    }

    @Test
    void aRecoveryThatArrivesWhileWaitingIsAppliedAndMakesItReady() {
        assertThat(store.ready()).isFalse();
        advance(Duration.ofSeconds(3));
        store.bindRecovery(storedSession());

        assertThat(store.ready()).isTrue();
        assertThat(store.openOrders()).extracting(OrderView::clientOrderId).containsExactly(ClientOrderId.of("OPEN"));
        assertThat(store.position(BTC).netQuantity()).isEqualTo(of(1));
        assertThat(store.lastSeq()).isEqualTo(99);
    }

    @Test
    void aRecoveryBoundBeforeTheFirstQuestionIsAppliedByIt() {
        store.bindRecovery(storedSession());

        assertThat(store.ready()).isTrue();
        assertThat(store.openOrderCount()).isEqualTo(1);
    }

    @Test
    void withoutARecoveryItIsReadyOnceTheWaitPassedAndALaterRecoveryDoesNotDoubleCount() {
        advance(Duration.ofMillis(15_000));
        assertThat(store.ready()).isTrue();

        store.putOrder(order("LIVE", BTC, Side.BUY, OrderStatus.NEW, 1));
        store.bindRecovery(storedSession());
        assertThat(store.openOrders()).extracting(OrderView::clientOrderId).containsExactly(ClientOrderId.of("LIVE"));
    }

    @Test
    void aFailedRecoveryEndsTheWait() {
        store.bindRecovery(new RecordRecovery() {
            public Collection<OrderView> openOrders() {
                throw new IllegalStateException("no DataSource appeared within 10000 ms");
            }

            public Collection<PositionView> positions() {
                return List.of();
            }

            public Collection<String> recentExecutionKeys() {
                return List.of();
            }

            public long lastSeq() {
                return 0;
            }
        });

        assertThat(store.ready()).isTrue();
        assertThat(store.openOrderCount()).isZero();
    }

    @Test
    void onceReadyItStaysReady() {
        store.bindRecovery(storedSession());
        assertThat(store.ready()).isTrue();
        nanos.addAndGet(-Duration.ofHours(1).toNanos());
        assertThat(store.ready()).isTrue();
    }

    @Test
    void aZeroWaitIsReadyAtOnce() {
        assertThat(new InMemoryStateStore(0, nanos::get).ready()).isTrue();
        assertThat(new InMemoryStateStore().ready()).as("the tools' store").isTrue();
    }

    @Test
    void anUnboundRecoveryDoesNotEndTheWait() {
        RecordRecovery r = storedSession();
        store.bindRecovery(r);
        store.unbindRecovery(r);

        assertThat(store.ready()).isFalse();
        assertThat(store.openOrderCount()).isZero();
    }

    @Test
    void aShorterWaitConfiguredWhileWaitingAppliesAtOnce() {
        advance(Duration.ofSeconds(5));
        assertThat(store.ready()).isFalse();

        store.modified(config(1_000));
        assertThat(store.ready()).isTrue();
    }

    @Test
    void theComponentUsesTheConfiguredWait() {
        InMemoryStateStore component = new InMemoryStateStore(config(0));
        assertThat(component.ready()).isTrue();
    }

    @Test
    void aNegativeWaitIsRefusedNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> new InMemoryStateStore(config(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recovery.waitMs")
                .hasMessageContaining("-5");
        assertThatThrownBy(() -> store.modified(config(-1))).hasMessageContaining("recovery.waitMs = -1");
    }

    private static StateConfiguration config(long waitMillis) {
        return new StateConfiguration() {
            @Override
            public long recovery_waitMs() {
                return waitMillis;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return StateConfiguration.class;
            }
        };
    }
}
