package io.livestack.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** User and password of an HTTP {@code Authorization: Basic ...} header (RFC 7617, UTF-8). Never printed. */
public record BasicCredentials(String user, String password) {

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }

    /** Empty when the header is absent, not Basic, not base64, without ':' or with an empty user. */
    public static Optional<BasicCredentials> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String h = authorization.trim();
        int blank = h.indexOf(' ');
        if (blank <= 0 || !h.substring(0, blank).equalsIgnoreCase("Basic")) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(h.substring(blank + 1).trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String text = new String(decoded, StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(text.substring(0, colon), text.substring(colon + 1)));
    }
}
