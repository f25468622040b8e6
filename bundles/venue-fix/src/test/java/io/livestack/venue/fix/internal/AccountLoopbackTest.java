package io.livestack.venue.fix.internal;

import static io.livestack.api.model.Fixed.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.state.OrderView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The order's Account (1) and strategy tag on the wire, against the FIX exchange simulator that requires Account on
 * new orders and cancels and echoes it on its execution reports; read from the adapter's message log.
 */
class AccountLoopbackTest {

    private static final char SOH = '\u0001';

    @TempDir
    Path dir;
    private LoopbackHarness h;

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
    }

    /** The FIX messages of the adapter's message log (in and out), each as "|"-separated text. */
    private List<String> loggedMessages() {
        try (Stream<Path> files = Files.walk(dir.resolve("adapter-log"))) {
            return files.filter(f -> f.toString().endsWith(".messages.log")).flatMap(f -> {
                try {
                    return Files.readAllLines(f, StandardCharsets.ISO_8859_1).stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(line -> "|" + line.substring(line.indexOf("8=FIX")).replace(SOH, '|')).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> logged(String msgType, String clOrdId) {
        return loggedMessages().stream().filter(m -> m.contains("|35=" + msgType + "|")
                && m.contains("|11=" + clOrdId + "|")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FIX.4.2", "FIX.4.4"})
    void newOrdersAndCancelsCarryTheOrdersAccountAndStrategyAndTheVenueEchoesTheAccount(String beginString)
            throws Exception {
        h = new LoopbackHarness(dir).startExchange(Map.of("requiredFields", "D.1,F.1"));
        Map<String, Object> p = h.adapterProperties(beginString);
        p.put("strategyTag", "7001");
        p.put("fields.D.1", "FIXED"); // the order's own Account wins
        h.startAdapter(p);
        h.awaitLoggedOn(0);
        OrderView template = Fixtures.order("A1", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29000), of(1));
        OrderView order = new OrderView(template.clientOrderId(), template.currentClientOrderId(), null, null,
                StrategyId.of("mm-7"), template.venue(), template.instrument(), template.side(), template.type(),
                template.timeInForce(), template.price(), template.quantity(), 0, 0, template.status(), 0, 0, false,
                true, null, 1, 1, 0, 0, AccountId.of("ACC-9"));

        h.submit(order);
        h.awaitReport(order, ExecType.NEW);
        ClientOrderId cancelId = h.cancel(order);
        h.awaitReport(cancelId, ExecType.CANCELED);

        assertThat(logged("D", "A1")).singleElement().satisfies(m -> assertThat(m).contains("|1=ACC-9|",
                "|7001=mm-7|").doesNotContain("FIXED"));
        assertThat(logged("F", cancelId.value())).singleElement()
                .satisfies(m -> assertThat(m).contains("|1=ACC-9|", "|7001=mm-7|"));
        assertThat(logged("8", "A1")).as("the venue's reports echo the Account").isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("|1=ACC-9|"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FIX.4.4"})
    void anOrderOfTheDefaultAccountTakesTheFixedAccountFieldWhenTheVenueNamesNoAccount(String beginString)
            throws Exception {
        h = new LoopbackHarness(dir).startExchange(Map.of("requiredFields", "D.1"));
        Map<String, Object> p = h.adapterProperties(beginString);
        p.put("fields.D.1", "FIXED");
        h.startAdapter(p);
        h.awaitLoggedOn(0);

        OrderView order = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29000), of(1));
        h.awaitReport(order, ExecType.NEW);

        assertThat(logged("D", order.clientOrderId().value())).singleElement()
                .satisfies(m -> assertThat(m).contains("|1=FIXED|").doesNotContain("DEFAULT"));
    }
}
