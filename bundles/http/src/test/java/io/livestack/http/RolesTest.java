package io.livestack.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.util.List;
import java.util.Set;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;

class RolesTest {

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

        assertThat(Roles.has(subject, cls + ":livestack-viewer")).isTrue();
        assertThat(Roles.has(subject, cls + ":livestack-operator")).isFalse();
        // a bare role name means Karaf's RolePrincipal class, which this principal is not
        assertThat(Roles.has(subject, "livestack-viewer")).isFalse();
        assertThat(Roles.hasAny(subject, List.of("admin", cls + ":livestack-viewer"))).isTrue();
        assertThat(Roles.hasAny(null, List.of("admin"))).isFalse();
    }

    @Test
    void cleansConfiguredRoleNames() {
        assertThat(Roles.clean(new String[] {" admin ", "", "  ", "livestack-viewer"}))
                .containsExactly("admin", "livestack-viewer");
        assertThat(Roles.clean(null)).isEmpty();
    }
}
