package io.livestack.execution.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static ExecutionConfig config(String stateFile) {
        return new ExecutionConfig() {
            public Class<? extends Annotation> annotationType() {
                return ExecutionConfig.class;
            }

            public String stateFile() {
                return stateFile;
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
        };
    }

    @Test
    void resolvesKarafDataInTheStateFile() {
        ExecutionSettings settings = ExecutionSettings.from(config(ExecutionSettings.DEFAULT_STATE_FILE), Map.of(),
                name -> name.equals("karaf.data") ? "/opt/karaf/data" : null);

        assertThat(settings.stateFile()).isEqualTo(Path.of("/opt/karaf/data/livestack/trading-state.properties"));
        assertThat(settings.killResendsPendingCancels()).isFalse();
    }

    @Test
    void karafDataFallsBackOutsideKaraf() {
        ExecutionSettings settings = ExecutionSettings.from(config(ExecutionSettings.DEFAULT_STATE_FILE), Map.of(),
                name -> null);

        assertThat(settings.stateFile()).isEqualTo(Path.of("data/livestack/trading-state.properties"));
    }

    @Test
    void rejectsAnUnknownPlaceholderABlankFileAndABadBoolean() {
        assertThatThrownBy(() -> ExecutionSettings.from(config("${nope}/x"), Map.of(), name -> null))
                .hasMessageContaining("stateFile='${nope}/x'").hasMessageContaining("${nope} is not set");
        assertThatThrownBy(() -> ExecutionSettings.from(config(" "), Map.of(), name -> null))
                .hasMessageContaining("stateFile=' ' must name a file");
        assertThatThrownBy(() -> ExecutionSettings.from(config("x"), Map.of("killSweepOnReconnect", "sometimes"),
                name -> null)).hasMessageContaining("killSweepOnReconnect='sometimes' is not true or false")
                .hasMessageContaining("livestack.execution");
    }

    @Test
    void acceptsTypedAndTextBooleans() {
        ExecutionSettings settings = ExecutionSettings.from(config("x"), Map.of("killSweepOnReconnect",
                Boolean.TRUE, "synthesizeMissingFills", " FALSE "), name -> null);

        assertThat(settings.stateFile()).isEqualTo(Path.of("x"));
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
                    return method.getReturnType() == boolean.class ? Boolean.parseBoolean(value.trim()) : value.trim();
                });

        ExecutionSettings settings = ExecutionSettings.from(config, raw,
                name -> name.equals("karaf.data") ? "/srv/karaf/data" : null);

        assertThat(raw).containsKeys("stateFile", "synthesizeMissingFills", "killResendsPendingCancels",
                "killSweepOnReconnect", "applyUnknownOrderFills");
        assertThat(settings.stateFile()).isEqualTo(Path.of("/srv/karaf/data/livestack/trading-state.properties"));
        assertThat(settings).isEqualTo(new ExecutionSettings(settings.stateFile(), true, true, true, true));
    }
}
