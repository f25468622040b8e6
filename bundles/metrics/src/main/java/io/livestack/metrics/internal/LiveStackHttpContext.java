package io.livestack.metrics.internal;

import io.livestack.http.BasicCredentials;
import io.livestack.http.JaasLogin;
import io.livestack.http.Roles;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.login.LoginException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.context.ServletContextHelper;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP Whiteboard context {@value #NAME} at {@value #PATH}: every request must carry HTTP Basic credentials that
 * the configured JAAS realm accepts, and the user must have one of the configured roles (401 without valid
 * credentials, 403 without the role).
 */
@Component(service = ServletContextHelper.class, configurationPid = MetricsConfig.PID)
@HttpWhiteboardContext(name = LiveStackHttpContext.NAME, path = LiveStackHttpContext.PATH)
public final class LiveStackHttpContext extends ServletContextHelper {

    static final String NAME = "livestack";
    static final String PATH = "/livestack";
    static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";

    private static final Logger LOG = LoggerFactory.getLogger(LiveStackHttpContext.class);

    private final String realm;
    private final List<String> roles;

    @Activate
    public LiveStackHttpContext(BundleContext bundleContext, MetricsConfig config) {
        super(bundleContext.getBundle());
        if (config.realm() == null || config.realm().isBlank()) {
            throw new IllegalArgumentException(MetricsConfig.PID + ": realm must not be empty");
        }
        this.realm = config.realm().trim();
        this.roles = config.roles() == null ? List.of()
                : List.of(config.roles()).stream().map(String::trim).filter(r -> !r.isEmpty()).toList();
        if (roles.isEmpty()) {
            throw new IllegalArgumentException(MetricsConfig.PID + ": roles must name at least one role");
        }
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<BasicCredentials> credentials = BasicCredentials.parse(request.getHeader("Authorization"));
        if (credentials.isEmpty()) {
            challenge(response);
            return false;
        }
        String user = credentials.get().user();
        Subject subject;
        try {
            subject = JaasLogin.login(realm, user, credentials.get().password());
        } catch (LoginException | SecurityException e) {
            LOG.info("HTTP login to {} refused for user '{}': {}", PATH, user, e.getMessage());
            challenge(response);
            return false;
        }
        if (!Roles.hasAny(subject, roles)) {
            LOG.info("HTTP access to {} refused for user '{}': none of the roles {}", PATH, user, roles);
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "user '" + user + "' needs one of the roles "
                    + String.join(", ", roles));
            return false;
        }
        request.setAttribute(REMOTE_USER, user);
        request.setAttribute(AUTHENTICATION_TYPE, HttpServletRequest.BASIC_AUTH);
        return true;
    }

    private void challenge(HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "authentication required");
    }
}
