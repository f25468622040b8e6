package io.livestack.config.guard.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which listening addresses are loopback: {@code 127.0.0.0/8} written as a dotted quad, {@code ::1} (also
 * {@code [::1]} and {@code 0:0:0:0:0:0:0:1}) and {@code localhost}. Decided from the text alone (no name is resolved):
 * a wildcard ({@code 0.0.0.0}, {@code ::}), an interface's address or any other host name is not loopback.
 */
final class Loopback {

    private Loopback() {
    }

    /** The addresses of a comma- or blank-separated list, trimmed, empties dropped. */
    static List<String> split(String addresses) {
        return Arrays.stream(addresses.split("[,\\s]+")).map(String::trim).filter(a -> !a.isEmpty())
                .collect(Collectors.toList());
    }

    static boolean isLoopback(String address) {
        String a = address.trim().toLowerCase(Locale.ROOT);
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.equals("localhost") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] octets = a.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) {
            return false;
        }
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** True when there is at least one address and every one is loopback. */
    static boolean allLoopback(List<String> addresses) {
        return !addresses.isEmpty() && addresses.stream().allMatch(Loopback::isLoopback);
    }
}
