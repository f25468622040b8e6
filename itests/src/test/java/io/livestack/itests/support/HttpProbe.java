package io.livestack.itests.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;

/**
 * HTTP requests with HTTP Basic credentials (or none) to one base address — the distribution's HTTP or HTTPS port on
 * 127.0.0.1 — for tests that check who gets which answer. Every request has a timeout.
 */
public final class HttpProbe {

    private final String base;
    private final HttpClient client;
    private final Duration timeout;

    private HttpProbe(String base, HttpClient client, Duration timeout) {
        this.base = base;
        this.client = client;
        this.timeout = timeout;
    }

    /** Plain HTTP to 127.0.0.1:port. */
    public static HttpProbe http(int port, Duration timeout) {
        return new HttpProbe("http://127.0.0.1:" + port, HttpClient.newBuilder().connectTimeout(timeout).build(),
                timeout);
    }

    /** HTTPS to 127.0.0.1:port, trusting what {@code tls} trusts. */
    public static HttpProbe https(int port, SSLContext tls, Duration timeout) {
        return new HttpProbe("https://127.0.0.1:" + port,
                HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout).build(), timeout);
    }

    /** One request; {@code user} null = no credentials, {@code body} null = none (else a form). */
    public HttpResponse<String> send(String method, String path, String user, String password, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the request; a status other than {@code status} is added to {@code wrong}, described. */
    public void expect(List<String> wrong, String method, String path, String user, String password, String body,
            int status) throws Exception {
        HttpResponse<String> r = send(method, path, user, password, body);
        if (r.statusCode() != status) {
            wrong.add(method + " " + path + " as " + user + ": " + r.statusCode() + " (expected " + status + ")");
        }
    }
}
