package io.livestack.webconsole.internal;

import io.livestack.http.BasicCredentials;
import io.livestack.http.JaasLogin;
import io.livestack.http.Roles;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.login.LoginException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.felix.webconsole.WebConsoleSecurityProvider;
import org.apache.felix.webconsole.WebConsoleSecurityProvider2;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console's login when the Live Stack is installed: HTTP Basic against the JAAS realm, then
 * {@link ConsoleAccess} decides (admins: the whole console; Live Stack viewers and operators: the Live Stack page
 * only). Registered with a service ranking above Karaf's own provider (which admits the users of one single role and
 * then opens the whole console to them), so the Felix console uses this one. Like Karaf's, it hands the JAAS subject
 * to Karaf's console servlet ({@value #KARAF_RUN_AS}), which runs the request as that subject.
 */
@Component(service = {}, configurationPid = WebConsoleConfig.PID, immediate = true)
@Designate(ocd = WebConsoleConfig.class)
public final class LiveStackSecurityProvider implements WebConsoleSecurityProvider2 {

    /** Request attribute Karaf's web console reads to run the request as the subject. */
    static final String KARAF_RUN_AS = "karaf.subject.runas";
    /** Request attribute with the JAAS subject, for the Live Stack page. */
    static final String SUBJECT_ATTRIBUTE = "io.livestack.webconsole.subject";

    private static final Logger LOG = LoggerFactory.getLogger(LiveStackSecurityProvider.class);

    private final String realm;
    private final ConsoleAccess access;
    private final ServiceRegistration<?> registration;

    @Activate
    public LiveStackSecurityProvider(BundleContext bundleContext, WebConsoleConfig config) {
        this.realm = config.realm() == null ? "" : config.realm().trim();
        if (realm.isEmpty()) {
            throw new IllegalArgumentException(WebConsoleConfig.PID + ": realm must not be empty");
        }
        this.access = access(config);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, config.ranking());
        props.put(Constants.SERVICE_DESCRIPTION, "Live Stack web console login (JAAS realm " + realm + ")");
        this.registration = bundleContext.registerService(
                new String[] {WebConsoleSecurityProvider.class.getName(), WebConsoleSecurityProvider2.class.getName()},
                this, props);
    }

    static ConsoleAccess access(WebConsoleConfig config) {
        String root = config.consoleRoot() == null ? "" : config.consoleRoot().trim();
        if (!root.startsWith("/") || root.length() < 2) {
            throw new IllegalArgumentException(WebConsoleConfig.PID + ": consoleRoot must be a path like "
                    + "/system/console, got '" + config.consoleRoot() + "'");
        }
        ConsoleAccess a = new ConsoleAccess(root, Roles.clean(config.adminRoles()), Roles.clean(config.viewerRoles()),
                Roles.clean(config.operatorRoles()));
        if (a.viewerRoles().isEmpty() && a.operatorRoles().isEmpty()) {
            throw new IllegalArgumentException(WebConsoleConfig.PID + ": viewerRoles and operatorRoles are both "
                    + "empty: nobody could see the Live Stack page");
        }
        return a;
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // unregistered with the bundle
        }
    }

    @Override
    public boolean authenticate(HttpServletRequest request, HttpServletResponse response) {
        Optional<BasicCredentials> credentials = BasicCredentials.parse(request.getHeader("Authorization"));
        if (credentials.isEmpty()) {
            return challenge(response);
        }
        Subject subject = doAuthenticate(credentials.get().user(), credentials.get().password());
        if (subject == null) {
            return challenge(response);
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        switch (access.decide(subject, path)) {
            case ALLOW -> {
                String user = credentials.get().user();
                request.setAttribute("org.osgi.service.http.authentication.type", HttpServletRequest.BASIC_AUTH);
                request.setAttribute("org.osgi.service.http.authentication.remote.user", user);
                request.setAttribute(USER_ATTRIBUTE, user);
                request.setAttribute(KARAF_RUN_AS, subject);
                request.setAttribute(SUBJECT_ATTRIBUTE, subject);
                return true;
            }
            case REDIRECT_TO_PAGE -> {
                try {
                    response.sendRedirect(request.getContextPath() + access.pagePath());
                } catch (IOException e) {
                    LOG.debug("redirect failed", e);
                }
                return false;
            }
            default -> {
                try {
                    response.sendError(HttpServletResponse.SC_FORBIDDEN, "user '" + credentials.get().user()
                            + "' may use the Live Stack page only (" + access.pagePath() + ")");
                } catch (IOException e) {
                    LOG.debug("sending 403 failed", e);
                }
                return false;
            }
        }
    }

    @Override
    public Object authenticate(String username, String password) {
        return doAuthenticate(username, password);
    }

    /** Felix does not call this for providers of the second kind; any logged-in user passes. */
    @Override
    public boolean authorize(Object user, String role) {
        return user != null;
    }

    private Subject doAuthenticate(String username, String password) {
        try {
            Subject subject = JaasLogin.login(realm, username, password);
            if (!Roles.hasAny(subject, access.adminRoles()) && !access.isViewer(subject)) {
                LOG.info("web console login refused for '{}': no admin or Live Stack role", username);
                return null;
            }
            return subject;
        } catch (LoginException | SecurityException e) {
            LOG.debug("web console login failed for '{}': {}", username, e.getMessage());
            return null;
        }
    }

    private boolean challenge(HttpServletResponse response) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentLength(0);
        try {
            response.flushBuffer();
        } catch (IOException e) {
            LOG.debug("flushing the 401 failed", e);
        }
        return false;
    }
}
