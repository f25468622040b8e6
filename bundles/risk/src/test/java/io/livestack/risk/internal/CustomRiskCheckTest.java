package io.livestack.risk.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.risk.internal.RiskFixture.BTC;
import static io.livestack.risk.internal.RiskFixture.VENUE;
import static io.livestack.risk.internal.RiskFixture.loose;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.intent.Intent;
import io.livestack.api.model.Side;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskCheck;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.state.StateView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class CustomRiskCheckTest {

    private final RiskFixture f = new RiskFixture();
    private final RiskStageComponent risk = new RiskStageComponent(loose("maxOrderQuantity", "10",
            "maxOrdersPerSecond", "1"));
    private final List<String> calls = new ArrayList<>();

    @BeforeEach
    void market() {
        f.book(VENUE, BTC, of(99), of(101));
    }

    private RiskCheck check(String name, Function<Intent, RiskDecision> body) {
        return new RiskCheck() {
            public String name() {
                return name;
            }

            public RiskDecision check(Intent intent, StateView state, long nowNanos) {
                calls.add(name);
                return body.apply(intent);
            }
        };
    }

    private static Map<String, Object> props(int ranking, long id) {
        return Map.of(Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, id);
    }

    private RiskDecision submit(long quantity) {
        return risk.check(f.limit(Side.BUY, of(100), quantity), f.state, 1_000);
    }

    @Test
    void aRejectingCheckRejectsWithCustomCheckAndItsName() {
        risk.bindRiskCheck(check("max-btc-at-night", i -> RiskDecision.reject(RejectReason.MAX_POSITION,
                "night limit 1")), props(0, 1));

        RiskDecision decision = submit(of(2));

        assertThat(decision.accepted()).isFalse();
        assertThat(decision.reason()).isEqualTo(RejectReason.CUSTOM_CHECK);
        assertThat(decision.customCheck()).isEqualTo("max-btc-at-night");
        assertThat(decision.detail()).isEqualTo("MAX_POSITION: night limit 1");
    }

    @Test
    void aThrowingCheckRejectsFailClosed() {
        risk.bindRiskCheck(check("broken", i -> {
            throw new IllegalStateException("boom");
        }), props(0, 1));

        RiskDecision decision = submit(of(1));

        assertThat(decision.reason()).isEqualTo(RejectReason.CUSTOM_CHECK);
        assertThat(decision.customCheck()).isEqualTo("broken");
        assertThat(decision.detail()).contains("broken", "boom");
    }

    @Test
    void aCheckWithoutDecisionRejects() {
        risk.bindRiskCheck(check("silent", i -> null), props(0, 1));

        assertThat(submit(of(1)).customCheck()).isEqualTo("silent");
    }

    @Test
    void checksRunAfterTheBuiltInsInRankingOrderAndAllMustAccept() {
        risk.bindRiskCheck(check("b-low", i -> RiskDecision.ACCEPT), props(0, 1));
        risk.bindRiskCheck(check("a-high", i -> RiskDecision.ACCEPT), props(10, 2));
        risk.bindRiskCheck(check("a-low", i -> RiskDecision.ACCEPT), props(0, 3));

        assertThat(submit(of(1)).accepted()).isTrue();
        assertThat(calls).containsExactly("a-high", "a-low", "b-low");

        calls.clear();
        assertThat(submit(of(11)).reason()).isEqualTo(RejectReason.MAX_ORDER_QUANTITY);
        assertThat(calls).as("a built-in rejection stops before the extra checks").isEmpty();
    }

    @Test
    void anOrderRejectedByACustomCheckDoesNotUseUpTheRate() {
        RiskCheck once = check("once", i -> calls.size() == 1 ? RiskDecision.reject(RejectReason.CUSTOM_CHECK, "no")
                : RiskDecision.ACCEPT);
        risk.bindRiskCheck(once, props(0, 1));

        assertThat(submit(of(1)).accepted()).isFalse();
        assertThat(submit(of(1)).accepted()).isTrue();
    }

    @Test
    void anUnboundCheckIsNoLongerAsked() {
        RiskCheck no = check("no", i -> RiskDecision.reject(RejectReason.CUSTOM_CHECK, "no"));
        risk.bindRiskCheck(no, props(0, 1));
        risk.unbindRiskCheck(no);

        assertThat(submit(of(1)).accepted()).isTrue();
        assertThat(risk.limits()).anySatisfy(l -> {
            assertThat(l.key()).isEqualTo("customChecks");
            assertThat(l.limit()).isEqualTo("0");
        });
    }

    @Test
    void cancelsAreNotAskedOfExtraChecks() {
        risk.bindRiskCheck(check("no", i -> RiskDecision.reject(RejectReason.CUSTOM_CHECK, "no")), props(0, 1));

        assertThat(risk.check(RiskFixture.cancel(f.resting(VENUE, BTC, Side.BUY, of(99), of(1))), f.state, 1)
                .accepted()).isTrue();
    }

    @Test
    void withAChainACheckRunsFromTheEventThatBindsItAndItsBindingsArePublished() {
        List<io.livestack.api.event.Event> published = new ArrayList<>();
        risk.bindIntake(new io.livestack.api.runtime.EventIntake() {
            public void publish(io.livestack.api.event.Event event) {
                published.add(event);
            }

            public boolean offer(io.livestack.api.event.Event event, long timeout, java.util.concurrent.TimeUnit unit) {
                return published.add(event);
            }

            public int queueDepth() {
                return 0;
            }
        });
        RiskCheck no = check("night", i -> RiskDecision.reject(RejectReason.CUSTOM_CHECK, "closed"));
        risk.bindRiskCheck(no, props(0, 7));

        assertThat(published).singleElement().isEqualTo(new io.livestack.api.event.BindingEvent(
                ((io.livestack.api.event.BindingEvent) published.get(0)).sourceTimeNanos(),
                io.livestack.api.event.BindingEvent.Kind.RISK_CHECK, "night", true, 7, "", "",
                Map.of("service.ranking", "0")));
        risk.checksBound(java.util.Set.of());
        assertThat(later(of(1)).accepted()).as("registered, its binding not sequenced yet").isTrue();
        assertThat(calls).isEmpty();

        risk.checksBound(java.util.Set.of("night"));
        RiskDecision refused = later(of(1));
        assertThat(refused.customCheck()).isEqualTo("night");
        assertThat(refused.detail()).isEqualTo("closed");

        risk.unbindRiskCheck(no); // its bundle goes: until the unbinding is sequenced, nothing passes
        assertThat(published).hasSize(2).last().extracting(e -> ((io.livestack.api.event.BindingEvent) e).bound())
                .isEqualTo(false);
        RiskDecision gone = later(of(1));
        assertThat(gone.reason()).isEqualTo(RejectReason.CUSTOM_CHECK);
        assertThat(gone.detail()).contains("'night' is bound but not registered");
        assertThat(risk.limits()).anySatisfy(l -> assertThat(l.usage()).contains("night (bound, not registered"));

        risk.checksBound(java.util.Set.of());
        assertThat(later(of(1)).accepted()).isTrue();
    }

    private long time = 1_000;

    /** An order two seconds after the last one (outside the rate window). */
    private RiskDecision later(long quantity) {
        time += 2_000_000_000L;
        return risk.check(f.limit(Side.BUY, of(100), quantity), f.state, time);
    }
}
