package io.livestack.metrics.internal;

import java.security.Principal;
import java.util.Collection;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Logs a user in to a Karaf JAAS realm and checks roles the way Karaf does: a role {@code NAME} is a principal of
 * class {@value #ROLE_PRINCIPAL} with that name; {@code CLASS:NAME} names another principal class.
 */
final class JaasLogin {

    static final String ROLE_PRINCIPAL = "org.apache.karaf.jaas.boot.principal.RolePrincipal";

    private JaasLogin() {
    }

    /** The authenticated subject; throws when the realm refuses the credentials. */
    static Subject login(String realm, String user, String password) throws LoginException {
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

    static boolean hasAnyRole(Subject subject, Collection<String> roles) {
        for (String role : roles) {
            if (hasRole(subject, role)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasRole(Subject subject, String role) {
        if (subject == null || role == null || role.isBlank()) {
            return false;
        }
        String clazz = ROLE_PRINCIPAL;
        String name = role.trim();
        int colon = name.indexOf(':');
        if (colon > 0) {
            clazz = name.substring(0, colon);
            name = name.substring(colon + 1);
        }
        for (Principal p : subject.getPrincipals()) {
            if (p.getClass().getName().equals(clazz) && p.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
