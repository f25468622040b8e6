package io.livestack.webconsole.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/** HTTP Basic credentials and a login to a Karaf JAAS realm. */
final class JaasLogin {

    record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]";
        }
    }

    private JaasLogin() {
    }

    /** Empty when the header is absent, not Basic, not base64, without ':' or with an empty user. */
    static Optional<Credentials> basic(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String h = authorization.trim();
        int blank = h.indexOf(' ');
        if (blank <= 0 || !h.substring(0, blank).equalsIgnoreCase("Basic")) {
            return Optional.empty();
        }
        String text;
        try {
            text = new String(Base64.getDecoder().decode(h.substring(blank + 1).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        return colon <= 0 ? Optional.empty()
                : Optional.of(new Credentials(text.substring(0, colon), text.substring(colon + 1)));
    }

    static Subject login(String realm, String user, String password) throws LoginException {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // LoginContext loads Karaf's (boot-delegated) ProxyLoginModule through the context class loader
        thread.setContextClassLoader(JaasLogin.class.getClassLoader());
        try {
            LoginContext context = new LoginContext(realm, subject, callbacks -> {
                for (Callback callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(user);
                    } else if (callback instanceof PasswordCallback pw) {
                        pw.setPassword(password.toCharArray());
                    } else {
                        throw new UnsupportedCallbackException(callback);
                    }
                }
            });
            context.login();
            return subject;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
