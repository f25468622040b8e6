package io.livestack.webconsole.internal;

import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.Subject;

/** Role names as Karaf checks them: {@code NAME} is a RolePrincipal's name, {@code CLASS:NAME} another class's. */
final class Roles {

    static final String ROLE_PRINCIPAL = "org.apache.karaf.jaas.boot.principal.RolePrincipal";
    static final String USER_PRINCIPAL = "org.apache.karaf.jaas.boot.principal.UserPrincipal";

    private Roles() {
    }

    static boolean hasAny(Subject subject, Collection<String> roles) {
        for (String role : roles) {
            if (has(subject, role)) {
                return true;
            }
        }
        return false;
    }

    static boolean has(Subject subject, String role) {
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
    static Set<String> of(Subject subject) {
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

    static String user(Subject subject) {
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                if (p.getClass().getName().equals(USER_PRINCIPAL)) {
                    return p.getName();
                }
            }
        }
        return null;
    }

    static List<String> clean(String[] values) {
        return values == null ? List.of()
                : List.of(values).stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
