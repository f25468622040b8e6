package io.livestack.webconsole.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Protection of the control endpoint against cross-site requests (the browser resends Basic credentials to any
 * site's request): a control request must be a POST that carries the CSRF token bound to the caller's HTTP session
 * (header {@value #HEADER}), and its Origin (or, without one, its Referer) must be the console's own origin or an
 * explicitly allowed one. A request with neither header is refused.
 */
final class CsrfGuard {

    static final String HEADER = "X-LiveStack-CSRF";
    static final String SESSION_ATTRIBUTE = "io.livestack.webconsole.csrf";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> allowedOrigins;

    CsrfGuard(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream().map(CsrfGuard::normalise).toList();
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Why the request must be refused, or empty when it may proceed.
     *
     * @param method the HTTP method
     * @param sessionToken the token stored in the caller's session (null without a session or token)
     * @param requestToken the token the request carries (header)
     * @param origin the Origin header (null when absent)
     * @param referer the Referer header (null when absent)
     * @param scheme the request's scheme (http/https)
     * @param host the Host header (host[:port]) the request was sent to
     */
    Optional<String> check(String method, String sessionToken, String requestToken, String origin, String referer,
            String scheme, String host) {
        if (!"POST".equalsIgnoreCase(method)) {
            return Optional.of("control requests must be POST");
        }
        if (sessionToken == null || sessionToken.isEmpty()) {
            return Optional.of("no CSRF token in this session: reload the page");
        }
        if (requestToken == null || !MessageDigest.isEqual(sessionToken.getBytes(StandardCharsets.UTF_8),
                requestToken.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("missing or wrong CSRF token: reload the page");
        }
        String own = host == null ? null : normalise(scheme + "://" + host);
        if (origin != null && !origin.isEmpty()) {
            String o = normalise(origin);
            return o.equals(own) || allowedOrigins.contains(o) ? Optional.empty()
                    : Optional.of("cross-site request refused: origin " + origin);
        }
        if (referer != null && !referer.isEmpty()) {
            String r = originOf(referer);
            return r != null && (r.equals(own) || allowedOrigins.contains(r)) ? Optional.empty()
                    : Optional.of("cross-site request refused: referer " + referer);
        }
        return Optional.of("cross-site request refused: neither Origin nor Referer header");
    }

    /** scheme://host[:port] of a URL, lower-cased, default ports dropped; null when it has none. */
    static String originOf(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            return null;
        }
        int pathStart = url.indexOf('/', schemeEnd + 3);
        return normalise(pathStart < 0 ? url : url.substring(0, pathStart));
    }

    static String normalise(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        if (o.endsWith("/")) {
            o = o.substring(0, o.length() - 1);
        }
        if (o.startsWith("http://") && o.endsWith(":80")) {
            o = o.substring(0, o.length() - 3);
        } else if (o.startsWith("https://") && o.endsWith(":443")) {
            o = o.substring(0, o.length() - 4);
        }
        return o;
    }
}
