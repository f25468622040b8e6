package io.livestack.config.guard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LoopbackTest {

    @Test
    void loopbackAddressesAndLocalhost() {
        for (String a : List.of("127.0.0.1", "127.1.2.3", " 127.0.0.1 ", "localhost", "LOCALHOST", "::1", "[::1]",
                "0:0:0:0:0:0:0:1")) {
            assertThat(Loopback.isLoopback(a)).as(a).isTrue();
        }
    }

    @Test
    void wildcardsInterfacesAndOtherNamesAreNot() {
        for (String a : List.of("0.0.0.0", "::", "[::]", "10.0.0.5", "192.168.1.1", "128.0.0.1", "127.0.0", "127.0.0.256",
                "127.0.0.1.5", "localhost.example.com", "myhost", "", "::2")) {
            assertThat(Loopback.isLoopback(a)).as(a).isFalse();
        }
    }

    @Test
    void aListIsLoopbackOnlyWhenEveryAddressIs() {
        assertThat(Loopback.allLoopback(Loopback.split("127.0.0.1, ::1"))).isTrue();
        assertThat(Loopback.allLoopback(Loopback.split("127.0.0.1,0.0.0.0"))).isFalse();
        assertThat(Loopback.allLoopback(Loopback.split(" , "))).isFalse();
    }
}
