package io.livestack.execution.internal;

import static io.livestack.api.model.Fixed.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.state.OrderView;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ExecutionSettingsTest {

    private static ExecutionConfig config() {
        return new ExecutionConfig() {
            public Class<? extends Annotation> annotationType() {
                return ExecutionConfig.class;
            }

            public boolean synthesizeMissingFills() {
                return true;
            }

            public boolean killResendsPendingCancels() {
                return false;
            }

            public boolean killSweepOnReconnect() {
                return true;
            }

            public boolean applyUnknownOrderFills() {
                return true;
            }

            public long stuckRequestTimeoutMs() {
                return 2_500;
            }
        };
    }

    @Test
    void aStuckRequestTimeoutOutOfRangeOrNotANumberIsRefusedNamingIt() {
        assertThatThrownBy(() -> ExecutionSettings.parse(Map.of(
                "stuckRequestTimeoutMs", "5"))).hasMessageContaining("stuckRequestTimeoutMs='5' is not between");
        assertThatThrownBy(() -> ExecutionSettings.parse(Map.of(
                "stuckRequestTimeoutMs", "soon"))).hasMessageContaining("not a whole number");
        assertThat(ExecutionSettings.parse(Map.of("stuckRequestTimeoutMs", "250")).stuckRequestTimeoutMs())
                .isEqualTo(250);
    }

    @Test
    void takesTheConfiguredValues() {
        ExecutionSettings settings = ExecutionSettings.from(config(), Map.of());

        assertThat(settings).isEqualTo(new ExecutionSettings(true, false, true, true, 2_500));
    }

    @Test
    void rejectsABadBooleanNamingKeyAndValue() {
        assertThatThrownBy(() -> ExecutionSettings.from(config(), Map.of("killSweepOnReconnect", "sometimes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("killSweepOnReconnect='sometimes' is not true or false")
                .hasMessageContaining("livestack.execution");
        assertThatThrownBy(() -> ExecutionSettings.parse(Map.of("applyUnknownOrderFills", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("applyUnknownOrderFills='' is not true or false");
    }

    @Test
    void acceptsTypedAndTextBooleans() {
        ExecutionSettings settings = ExecutionSettings.parse(Map.of("killSweepOnReconnect", Boolean.TRUE,
                "synthesizeMissingFills", " FALSE ", "applyUnknownOrderFills", "false"));

        assertThat(settings).isEqualTo(new ExecutionSettings(false, true, true, false));
    }

    @Test
    void absentKeysKeepTheirDefaultsAndOtherKeysAreIgnored() {
        assertThat(ExecutionSettings.parse(Map.of("service.pid", "livestack.execution")))
                .isEqualTo(ExecutionSettings.defaults());
        assertThat(ExecutionSettings.defaults()).isEqualTo(new ExecutionSettings(true, true, true, true));
    }

    /** A change handed back by the chain takes effect for the next event; a bad one is refused, the settings stay. */
    @Test
    void configureSwapsTheSettingsAndRefusesABadValue() {
        ExecutionFixture f = new ExecutionFixture();
        assertThat(f.execution.configurationPid()).isEqualTo("livestack.execution");
        OrderView order = f.working(Side.BUY, of(100), of(10));

        f.execution.configure(Map.of("synthesizeMissingFills", "false", "killResendsPendingCancels", "true",
                "killSweepOnReconnect", "true", "applyUnknownOrderFills", "true"));
        f.report(f.report(order, ExecType.ORDER_STATUS, OrderStatus.PARTIALLY_FILLED).execId("0").cum(of(6))
                .build());

        assertThat(f.ctx.fills()).as("nothing synthesized once switched off").isEmpty();
        assertThat(f.order(order.clientOrderId()).filledQuantity()).isZero();

        assertThatThrownBy(() -> f.execution.configure(Map.of("synthesizeMissingFills", "yes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("synthesizeMissingFills").hasMessageContaining("'yes'");
        assertThat(f.execution.settings()).isEqualTo(new ExecutionSettings(false, true, true, true));
        f.report(f.report(f.order(order.clientOrderId()), ExecType.ORDER_STATUS, OrderStatus.PARTIALLY_FILLED)
                .execId("0").cum(of(7)).build());
        assertThat(f.ctx.fills()).as("the refused change did not switch synthesizing back on").isEmpty();

        f.execution.configure(Map.of()); // absent keys: the defaults
        f.report(f.report(f.order(order.clientOrderId()), ExecType.ORDER_STATUS, OrderStatus.PARTIALLY_FILLED)
                .execId("0").cum(of(8)).build());
        assertThat(f.ctx.fills()).singleElement()
                .satisfies(fill -> assertThat(fill.quantity()).isEqualTo(of(8)));
        assertThat(f.order(order.clientOrderId()).filledQuantity()).isEqualTo(of(8));
    }

    /** The shipped etc/livestack.execution.cfg, read the way Config Admin hands it over (strings). */
    @Test
    void theShippedConfigurationFileIsValid() throws Exception {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("../../config/livestack.execution.cfg"))) {
            properties.load(in);
        }
        Map<String, String> raw = new HashMap<>();
        properties.forEach((k, v) -> raw.put((String) k, (String) v));
        ExecutionConfig config = (ExecutionConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ExecutionConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return ExecutionConfig.class;
                    }
                    String value = raw.get(method.getName());
                    if (value == null) {
                        return method.getDefaultValue();
                    }
                    if (method.getReturnType() == long.class) {
                        return Long.parseLong(value.trim());
                    }
                    return method.getReturnType() == boolean.class ? Boolean.parseBoolean(value.trim()) : value.trim();
                });

        ExecutionSettings settings = ExecutionSettings.from(config, raw);

        assertThat(raw).containsOnlyKeys("synthesizeMissingFills", "killResendsPendingCancels",
                "killSweepOnReconnect", "applyUnknownOrderFills", "stuckRequestTimeoutMs");
        assertThat(settings).isEqualTo(ExecutionSettings.defaults());
        assertThat(ExecutionSettings.parse(raw)).isEqualTo(settings);
    }
}
