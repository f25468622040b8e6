package io.livestack.http;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/** A login to a Karaf JAAS realm (e.g. "karaf") with a user and a password. */
public final class JaasLogin {

    private JaasLogin() {
    }

    /** The authenticated subject; throws when the realm refuses the credentials. */
    public static Subject login(String realm, String user, String password) throws LoginException {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Karaf's login modules are reached through its boot-delegated ProxyLoginModule; LoginContext loads the
        // module class through the context class loader, which on an HTTP thread may be anything.
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

    /** A login with Basic credentials. */
    public static Subject login(String realm, BasicCredentials credentials) throws LoginException {
        return login(realm, credentials.user(), credentials.password());
    }
}
