package io.livestack.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesUserAndPasswordWithColonsInThePassword() {
        assertThat(BasicCredentials.parse(basic("viewer:pa:ss")))
                .contains(new BasicCredentials("viewer", "pa:ss"));
        assertThat(BasicCredentials.parse("basic  " + Base64.getEncoder().encodeToString("op:x".getBytes())))
                .contains(new BasicCredentials("op", "x"));
    }

    @Test
    void refusesMissingOtherSchemesBadBase64AndEmptyUsers() {
        assertThat(BasicCredentials.parse(null)).isEmpty();
        assertThat(BasicCredentials.parse("Bearer abc")).isEmpty();
        assertThat(BasicCredentials.parse("Basic !!!notbase64")).isEmpty();
        assertThat(BasicCredentials.parse(basic("nocolon"))).isEmpty();
        assertThat(BasicCredentials.parse(basic(":password"))).isEmpty();
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(new BasicCredentials("viewer", "secret").toString()).doesNotContain("secret");
    }
}
