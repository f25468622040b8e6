package io.livestack.venue.fix.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.venue.fix.internal.Fixtures.acknowledged;
import static io.livestack.venue.fix.internal.Fixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.state.OrderView;
import java.util.List;
import org.junit.jupiter.api.Test;
import quickfix.Message;

class MaskingAndReconciliationTest {

    private static final String LOGON = "8=FIX.4.4\u00019=83\u000135=A\u000134=1\u000149=US\u000152=20250314-09:30:00"
            + "\u000156=THEM\u000198=0\u0001108=30\u0001553=trader\u0001554=s3cret\u000110=000\u0001";

    @Test
    void passwordsAreMaskedInLogText() {
        assertThat(Masking.mask(LOGON)).contains("554=********").doesNotContain("s3cret").contains("553=trader");
        assertThat(Masking.mask("Rejecting invalid message: 35=A|554=s3cret|925=new|10=1"))
                .isEqualTo("Rejecting invalid message: 35=A|554=********|925=********|10=1");
        assertThat(Masking.mask("no secrets 5540=1")).isEqualTo("no secrets 5540=1");
    }

    @Test
    void theStoredLogonIsMaskedButStillAWellFormedMessage() throws Exception {
        String stored = Masking.maskForStore(LOGON);

        assertThat(stored).doesNotContain("s3cret");
        Message parsed = new Message();
        parsed.fromString(stored, null, true);
        assertThat(parsed.getString(554)).isEqualTo(Masking.MASK);
        assertThat(parsed.getString(553)).isEqualTo("trader");
        String other = "8=FIX.4.4\u00019=5\u000135=0\u000110=000\u0001";
        assertThat(Masking.maskForStore(other)).isSameAs(other);
    }

    private static List<OrderView> orders() {
        return List.of(
                acknowledged(order("C-1", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(1), of(1)), "VO-1", "C-1"),
                acknowledged(order("C-2", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(1), of(1)), "VO-2", "R-2"),
                order("C-3", Side.SELL, OrderType.LIMIT, TimeInForce.GTC, of(1), of(1)));
    }

    @Test
    void reconciliationCompletesOnceEveryOrderIsAnsweredByAnyOfItsIds() {
        Reconciliation r = Reconciliation.perOrder(orders());

        assertThat(r.onStatus("C-1", null, null, false)).isFalse();
        assertThat(r.onStatus("C-1", null, null, false)).isFalse();
        assertThat(r.onStatus("X", null, "VO-2", false)).isFalse();
        assertThat(r.isComplete()).isFalse();
        assertThat(r.onStatus("Z", "C-3", null, false)).isTrue();
        assertThat(r.isComplete()).isTrue();
        assertThat(r.onStatus("C-3", null, null, false)).isFalse();
        assertThat(r.expire()).isFalse();
        assertThat(r.summary()).isEqualTo("reconciled 3 of 3 open orders");
    }

    @Test
    void reconciliationExpiresAndSaysWhatWasLeft() {
        Reconciliation r = Reconciliation.perOrder(orders());
        r.onStatus("C-1", null, null, false);
        r.onRefused("R-2");

        assertThat(r.expire()).isTrue();
        assertThat(r.expire()).isFalse();
        assertThat(r.summary()).contains("reconciled 1 of 3").contains("1 status requests refused")
                .contains("1 unanswered at the timeout");
    }

    @Test
    void aMassStatusCompletesWithItsLastReport() {
        Reconciliation r = Reconciliation.massStatus(orders(), "MS-1");

        assertThat(r.onStatus("C-1", null, null, false)).isFalse();
        assertThat(r.onStatus("C-3", null, null, true)).isTrue();
        assertThat(r.summary()).contains("2 of 3").contains("MS-1");
    }

    @Test
    void nothingToReconcileIsCompleteAtOnce() {
        assertThat(Reconciliation.perOrder(List.of()).isComplete()).isTrue();
    }

    @Test
    void sentMessagesAreForgottenOldestFirst() {
        SentMessages sent = new SentMessages(100);
        for (int i = 1; i <= 150; i++) {
            sent.put(new SentMessages.Sent(i, "D", "C-" + i, null, "X", '1', 1, 1));
        }
        assertThat(sent.size()).isEqualTo(100);
        assertThat(sent.get(50)).isNull();
        assertThat(sent.get(51).id()).isEqualTo("C-51");
        assertThat(sent.byId("C-150").seqNum()).isEqualTo(150);
    }
}
