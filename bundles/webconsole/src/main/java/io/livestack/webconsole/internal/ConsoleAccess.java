package io.livestack.webconsole.internal;

import io.livestack.http.Roles;

import java.util.List;
import javax.security.auth.Subject;

/**
 * Which parts of the Felix web console a logged-in user may use. Karaf's own provider lets in users of ONE role
 * and then everything is open to them (bundles, configuration...). Here: admins get the whole console; Live Stack
 * viewers and operators get the Live Stack page and the console's static resources only (the console root
 * redirects them to the page); anyone else is refused.
 */
record ConsoleAccess(String consoleRoot, List<String> adminRoles, List<String> viewerRoles,
        List<String> operatorRoles) {

    static final String LABEL = "livestack";

    enum Decision {
        ALLOW, REDIRECT_TO_PAGE, FORBID
    }

    ConsoleAccess {
        consoleRoot = consoleRoot.endsWith("/") ? consoleRoot.substring(0, consoleRoot.length() - 1) : consoleRoot;
        adminRoles = List.copyOf(adminRoles);
        viewerRoles = List.copyOf(viewerRoles);
        operatorRoles = List.copyOf(operatorRoles);
    }

    /** {@code path}: the request URI without the context path, e.g. /system/console/livestack/data.json. */
    Decision decide(Subject subject, String path) {
        if (Roles.hasAny(subject, adminRoles)) {
            return Decision.ALLOW;
        }
        if (!isViewer(subject)) {
            return Decision.FORBID;
        }
        String p = path == null ? "" : path;
        if (p.equals(consoleRoot) || p.equals(consoleRoot + "/")) {
            return Decision.REDIRECT_TO_PAGE;
        }
        String page = consoleRoot + "/" + LABEL;
        if (p.equals(page) || p.startsWith(page + "/") || p.startsWith(consoleRoot + "/res/")) {
            return Decision.ALLOW;
        }
        return Decision.FORBID;
    }

    boolean isViewer(Subject subject) {
        return Roles.hasAny(subject, viewerRoles) || Roles.hasAny(subject, operatorRoles);
    }

    boolean isOperator(Subject subject) {
        return Roles.hasAny(subject, operatorRoles);
    }

    String pagePath() {
        return consoleRoot + "/" + LABEL;
    }
}
