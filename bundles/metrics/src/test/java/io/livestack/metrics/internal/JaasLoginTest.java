package io.livestack.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.util.List;
import java.util.Set;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;

class JaasLoginTest {

    /** Stands in for Karaf's principal classes: only the class name matters. */
    static final class RolePrincipal implements Principal {
        private final String name;

        RolePrincipal(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }
    }

    @Test
    void matchesRolesByPrincipalClassAndName() {
        Subject subject = new Subject(false, Set.of(new RolePrincipal("livestack-viewer")), Set.of(), Set.of());
        String cls = RolePrincipal.class.getName();

        assertThat(JaasLogin.hasRole(subject, cls + ":livestack-viewer")).isTrue();
        assertThat(JaasLogin.hasRole(subject, cls + ":livestack-operator")).isFalse();
        // a bare role name means Karaf's RolePrincipal class, which this principal is not
        assertThat(JaasLogin.hasRole(subject, "livestack-viewer")).isFalse();
        assertThat(JaasLogin.hasAnyRole(subject, List.of("admin", cls + ":livestack-viewer"))).isTrue();
        assertThat(JaasLogin.hasAnyRole(null, List.of("admin"))).isFalse();
    }
}
