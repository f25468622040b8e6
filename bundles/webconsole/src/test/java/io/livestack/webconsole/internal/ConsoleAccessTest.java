package io.livestack.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.webconsole.internal.ConsoleAccess.Decision;
import java.security.Principal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;

class ConsoleAccessTest {

    private static final String P = Fakes.Principals.class.getName();
    private final ConsoleAccess access = new ConsoleAccess("/system/console/", List.of(P + "$Role:admin"),
            List.of(P + "$Role:livestack-viewer", P + "$Role:livestack-operator"),
            List.of(P + "$Role:livestack-operator", P + "$Role:admin"));

    static Subject subject(String... roles) {
        Set<Principal> principals = new HashSet<>();
        Arrays.stream(roles).forEach(r -> principals.add(new Fakes.Principals.Role(r)));
        return new Subject(false, principals, Set.of(), Set.of());
    }

    @Test
    void adminsMayUseTheWholeConsole() {
        assertThat(access.decide(subject("admin"), "/system/console/bundles")).isEqualTo(Decision.ALLOW);
        assertThat(access.decide(subject("admin"), "/system/console/configMgr")).isEqualTo(Decision.ALLOW);
    }

    @Test
    void viewersAndOperatorsMayUseTheLiveStackPageAndStaticResourcesOnly() {
        for (Subject s : List.of(subject("livestack-viewer"), subject("livestack-operator"))) {
            assertThat(access.decide(s, "/system/console/livestack")).isEqualTo(Decision.ALLOW);
            assertThat(access.decide(s, "/system/console/livestack/data.json")).isEqualTo(Decision.ALLOW);
            assertThat(access.decide(s, "/system/console/res/lib/jquery.js")).isEqualTo(Decision.ALLOW);
            assertThat(access.decide(s, "/system/console/bundles")).isEqualTo(Decision.FORBID);
            assertThat(access.decide(s, "/system/console/livestackevil")).isEqualTo(Decision.FORBID);
            assertThat(access.decide(s, "/system/console")).isEqualTo(Decision.REDIRECT_TO_PAGE);
        }
    }

    @Test
    void usersWithoutALiveStackRoleAreRefused() {
        assertThat(access.decide(subject("viewer"), "/system/console/livestack")).isEqualTo(Decision.FORBID);
        assertThat(access.decide(null, "/system/console/livestack")).isEqualTo(Decision.FORBID);
    }

    @Test
    void onlyOperatorsAndAdminsMayAct() {
        assertThat(access.isOperator(subject("livestack-operator"))).isTrue();
        assertThat(access.isOperator(subject("admin"))).isTrue();
        assertThat(access.isOperator(subject("livestack-viewer"))).isFalse();
        assertThat(access.pagePath()).isEqualTo("/system/console/livestack");
    }
}
