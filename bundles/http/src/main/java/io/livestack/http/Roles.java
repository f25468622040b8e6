package io.livestack.http;

import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.Subject;

/**
 * Role checks the way Karaf does them: a role {@code NAME} is a principal of class {@value #ROLE_PRINCIPAL} with that
 * name; {@code CLASS:NAME} names another principal class.
 */
public final class Roles {

    public static final String ROLE_PRINCIPAL = "org.apache.karaf.jaas.boot.principal.RolePrincipal";
    public static final String USER_PRINCIPAL = "org.apache.karaf.jaas.boot.principal.UserPrincipal";

    private Roles() {
    }

    public static boolean hasAny(Subject subject, Collection<String> roles) {
        for (String role : roles) {
            if (has(subject, role)) {
                return true;
            }
        }
        return false;
    }

    public static boolean has(Subject subject, String role) {
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

    /** The Karaf role names of a subject, for display. */
    public static Set<String> of(Subject subject) {
        Set<String> out = new TreeSet<>();
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                if (p.getClass().getName().equals(ROLE_PRINCIPAL)) {
                    out.add(p.getName());
                }
            }
        }
        return out;
    }

    /** The user name of a subject, or null. */
    public static String user(Subject subject) {
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                if (p.getClass().getName().equals(USER_PRINCIPAL)) {
                    return p.getName();
                }
            }
        }
        return null;
    }

    /** Configured role names: trimmed, blanks dropped. */
    public static List<String> clean(String[] values) {
        return values == null ? List.of()
                : List.of(values).stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
