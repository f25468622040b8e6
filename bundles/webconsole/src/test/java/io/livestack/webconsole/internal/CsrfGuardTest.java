package io.livestack.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsrfGuardTest {

    private static final String TOKEN = "s3cr3t-token";
    private final CsrfGuard guard = new CsrfGuard(List.of("https://ops.example.com"));

    @Test
    void acceptsASameOriginPostWithTheSessionToken() {
        assertThat(guard.check("POST", TOKEN, TOKEN, "http://127.0.0.1:8181", null, "http", "127.0.0.1:8181"))
                .isEmpty();
        assertThat(guard.check("POST", TOKEN, TOKEN, null, "http://127.0.0.1:8181/system/console/livestack",
                "http", "127.0.0.1:8181")).isEmpty();
    }

    @Test
    void refusesAnythingButPost() {
        assertThat(guard.check("GET", TOKEN, TOKEN, "http://127.0.0.1:8181", null, "http", "127.0.0.1:8181"))
                .contains("control requests must be POST");
    }

    @Test
    void refusesAMissingOrWrongToken() {
        assertThat(guard.check("POST", TOKEN, null, "http://127.0.0.1:8181", null, "http", "127.0.0.1:8181"))
                .contains("missing or wrong CSRF token: reload the page");
        assertThat(guard.check("POST", TOKEN, "guess", "http://127.0.0.1:8181", null, "http", "127.0.0.1:8181"))
                .contains("missing or wrong CSRF token: reload the page");
        assertThat(guard.check("POST", null, TOKEN, "http://127.0.0.1:8181", null, "http", "127.0.0.1:8181"))
                .contains("no CSRF token in this session: reload the page");
    }

    @Test
    void refusesAForeignOriginEvenWithTheToken() {
        assertThat(guard.check("POST", TOKEN, TOKEN, "http://evil.example", null, "http", "127.0.0.1:8181"))
                .contains("cross-site request refused: origin http://evil.example");
        assertThat(guard.check("POST", TOKEN, TOKEN, "null", null, "http", "127.0.0.1:8181")).isPresent();
        assertThat(guard.check("POST", TOKEN, TOKEN, null, "http://127.0.0.1:8181@evil.example/x", "http",
                "127.0.0.1:8181")).isPresent();
        assertThat(guard.check("POST", TOKEN, TOKEN, "http://127.0.0.1:8182", null, "http", "127.0.0.1:8181"))
                .isPresent();
    }

    @Test
    void refusesARequestWithNeitherOriginNorReferer() {
        assertThat(guard.check("POST", TOKEN, TOKEN, null, null, "http", "127.0.0.1:8181"))
                .contains("cross-site request refused: neither Origin nor Referer header");
    }

    @Test
    void acceptsConfiguredOriginsAndNormalisesDefaultPorts() {
        assertThat(guard.check("POST", TOKEN, TOKEN, "https://OPS.example.com:443", null, "http", "127.0.0.1:8181"))
                .isEmpty();
        assertThat(guard.check("POST", TOKEN, TOKEN, "http://console.local", null, "http", "console.local:80"))
                .isEmpty();
    }

    @Test
    void tokensAreFreshAndUnguessable() {
        String a = CsrfGuard.newToken();
        assertThat(a).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(CsrfGuard.newToken());
    }
}
