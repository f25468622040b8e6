package io.livestack.webconsole.internal;

import io.livestack.http.Json;
import io.livestack.http.Roles;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.event.Command;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.runtime.StrategyHostStage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.AccessController;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.security.auth.Subject;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;
import org.apache.felix.webconsole.AbstractWebConsolePlugin;
import org.apache.felix.webconsole.WebConsoleConstants;
import org.apache.felix.webconsole.WebConsoleSecurityProvider2;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Live Stack" page of the Felix web console at {@code /system/console/livestack}:
 * <ul>
 * <li>GET: the page (session, venues, strategies, trading states and kill switch, open orders, positions and P&amp;L,
 * rates and latencies), refreshed by a few lines of JS polling {@code livestack/data.json} every 2 s;</li>
 * <li>GET {@code livestack/data.json}: that data as JSON, with the charts' points after {@code ?charts=T} (epoch ms;
 * absent: the server's whole chart history, see {@link ChartSampler});</li>
 * <li>GET {@code livestack/res/chart.umd.js}: Chart.js, shipped inside this bundle (the console runs offline);</li>
 * <li>GET {@code livestack/history.json}, {@code livestack/order-events.json}: orders and fills of a time range, one
 * order's events ({@link HistoryJson});</li>
 * <li>POST {@code livestack/action}: kill switch, resume, session start/stop, strategy start/stop — operators only
 * (403 for anyone else), and only with the session's CSRF token from the console's own origin
 * ({@link CsrfGuard}). Each action is given to the runtime with the logged-in user, which records it.</li>
 * </ul>
 * Viewers get the page without any control.
 */
@Component(service = Servlet.class, configurationPid = WebConsoleConfig.PID, property = {
        WebConsoleConstants.PLUGIN_LABEL + "=" + LiveStackPlugin.LABEL,
        WebConsoleConstants.PLUGIN_TITLE + "=" + LiveStackPlugin.TITLE,
        WebConsoleConstants.PLUGIN_CATEGORY + "=" + LiveStackPlugin.TITLE})
public final class LiveStackPlugin extends AbstractWebConsolePlugin {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LiveStackPlugin.class);

    static final String LABEL = ConsoleAccess.LABEL;
    static final String TITLE = "Live Stack";
    static final long ACTION_TIMEOUT_SECONDS = 60;
    /** Chart.js's UMD build, shipped inside this bundle (bnd.bnd). */
    static final String CHART_JS = "chart.umd.js";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile LiveRuntime runtime;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile StrategyHostStage host;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ExecutionStage execution;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile MetricRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile io.livestack.api.risk.RiskStage risk;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ChartSampler charts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile io.livestack.api.history.TradingHistory history;

    private final transient ConsoleAccess access;
    private final transient CsrfGuard csrf;
    private final String template;

    @Activate
    public LiveStackPlugin(BundleContext bundleContext, WebConsoleConfig config) {
        this.access = LiveStackSecurityProvider.access(config);
        this.csrf = new CsrfGuard(Roles.clean(config.allowedOrigins()));
        this.template = readTemplate();
        activate(bundleContext);
    }

    @Override
    @Deactivate
    public void deactivate() {
        super.deactivate();
    }

    @Override
    public String getLabel() {
        return LABEL;
    }

    @Override
    public String getTitle() {
        return TITLE;
    }

    @Override
    public String getCategory() {
        return TITLE;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException,
            javax.servlet.ServletException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.endsWith("/" + LABEL + "/data.json")) {
            Subject subject = subject(request);
            Map<String, Object> chartData;
            try {
                chartData = ChartData.of(charts, registry, request.getParameter(ChartData.PARAMETER));
            } catch (IllegalArgumentException e) {
                json(response, HttpServletResponse.SC_BAD_REQUEST, result(false, e.getMessage()));
                return;
            }
            Map<String, Object> data = Dashboard.build(runtime, host, execution, risk, registry, user(request, subject),
                    new ArrayList<>(Roles.of(subject)), access.isOperator(subject));
            data.put("charts", chartData);
            json(response, HttpServletResponse.SC_OK, data);
            return;
        }
        if (path.endsWith("/" + LABEL + "/" + HistoryJson.HISTORY)) {
            HistoryJson.Answer a = HistoryJson.history(history, request::getParameter, HistoryJson.nowNanos());
            json(response, a.status(), a.body());
            return;
        }
        if (path.endsWith("/" + LABEL + "/" + HistoryJson.ORDER_EVENTS)) {
            HistoryJson.Answer a = HistoryJson.orderEvents(history, request.getParameter("order"));
            json(response, a.status(), a.body());
            return;
        }
        super.doGet(request, response);
    }

    @Override
    protected void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Subject subject = subject(request);
        boolean operator = access.isOperator(subject);
        HttpSession session = request.getSession(true);
        String token = (String) session.getAttribute(CsrfGuard.SESSION_ATTRIBUTE);
        if (token == null) {
            token = CsrfGuard.newToken();
            session.setAttribute(CsrfGuard.SESSION_ATTRIBUTE, token);
        }
        Object root = request.getAttribute(WebConsoleConstants.ATTR_PLUGIN_ROOT);
        String pluginRoot = root != null ? root.toString()
                : request.getContextPath() + access.consoleRoot() + "/" + LABEL;
        PrintWriter out = response.getWriter();
        out.print(Page.render(template, pluginRoot, operator ? token : "", operator, user(request, subject)));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!path.endsWith("/" + LABEL + "/action")) {
            json(response, HttpServletResponse.SC_NOT_FOUND, result(false, "no such action endpoint: " + path));
            return;
        }
        Subject subject = subject(request);
        String user = user(request, subject);
        if (!access.isOperator(subject)) {
            LOG.info("web console control refused for '{}': not an operator", user);
            json(response, HttpServletResponse.SC_FORBIDDEN, result(false, "user '" + user
                    + "' may not control the Live Stack (operators only)"));
            return;
        }
        HttpSession session = request.getSession(false);
        String sessionToken = session == null ? null : (String) session.getAttribute(CsrfGuard.SESSION_ATTRIBUTE);
        Optional<String> refused = csrf.check(request.getMethod(), sessionToken, request.getHeader(CsrfGuard.HEADER),
                request.getHeader("Origin"), request.getHeader("Referer"), request.getScheme(),
                request.getHeader("Host"));
        if (refused.isPresent()) {
            LOG.warn("web console control refused for '{}': {}", user, refused.get());
            json(response, HttpServletResponse.SC_FORBIDDEN, result(false, refused.get()));
            return;
        }
        Command command;
        try {
            command = Actions.parse(request::getParameter);
        } catch (IllegalArgumentException e) {
            json(response, HttpServletResponse.SC_BAD_REQUEST, result(false, e.getMessage()));
            return;
        }
        LiveRuntime rt = runtime;
        if (rt == null) {
            json(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    result(false, "the Live Stack runtime is not running"));
            return;
        }
        CommandResult r;
        try {
            r = rt.execute(command, user).get(ACTION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            r = CommandResult.error("no answer from the runtime within " + ACTION_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            r = CommandResult.error(String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r = CommandResult.error("interrupted");
        }
        LOG.info("web console: {} by '{}': {}", command.action(), user, r.ok() ? "ok" : r.message());
        json(response, HttpServletResponse.SC_OK, result(r.ok(), (r.ok() ? "" : command.action() + " refused: ")
                + r.message()));
    }

    /**
     * The page's static resources (Chart.js), looked up by the Felix console for every GET under this plugin's label
     * (by reflection: {@code getResource(String)} on the resource provider, this plugin); null for anything else.
     */
    @SuppressWarnings("unused")
    private URL getResource(String path) {
        if (path != null && path.equals("/" + LABEL + "/res/" + CHART_JS)) {
            return LiveStackPlugin.class.getResource("res/" + CHART_JS);
        }
        return null;
    }

    /** The caller's JAAS subject: set by our security provider, else the one Karaf's console runs the request as. */
    @SuppressWarnings("removal")
    private static Subject subject(HttpServletRequest request) {
        Object s = request.getAttribute(LiveStackSecurityProvider.SUBJECT_ATTRIBUTE);
        if (s instanceof Subject subject) {
            return subject;
        }
        s = request.getAttribute(LiveStackSecurityProvider.KARAF_RUN_AS);
        if (s instanceof Subject subject) {
            return subject;
        }
        return Subject.getSubject(AccessController.getContext());
    }

    private static String user(HttpServletRequest request, Subject subject) {
        String user = Roles.user(subject);
        if (user == null) {
            Object u = request.getAttribute(WebConsoleSecurityProvider2.USER_ATTRIBUTE);
            user = u != null ? u.toString() : request.getRemoteUser();
        }
        return user == null ? "unknown" : user;
    }

    private static Map<String, Object> result(boolean ok, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", ok);
        m.put("message", message);
        return m;
    }

    private static void json(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String readTemplate() {
        try (InputStream in = LiveStackPlugin.class.getResourceAsStream("livestack.html")) {
            if (in == null) {
                throw new IllegalStateException("livestack.html missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
