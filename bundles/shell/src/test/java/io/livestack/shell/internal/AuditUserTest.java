package io.livestack.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.model.ClientOrderId;
import java.security.PrivilegedAction;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;

class AuditUserTest {

    @Test
    @SuppressWarnings("removal")
    void theAuditUserIsTheSubjectsUserPrincipalElseTheSessionUser() throws Exception {
        Fakes.Runtime runtime = new Fakes.Runtime();
        ResumeCommand c = Fakes.wire(new ResumeCommand(), runtime, new Fakes.Console("session-user"));
        Subject subject = new Subject(false, Set.of(new UserPrincipal("alice"), new RolePrincipal("livestack-operator")),
                Set.of(), Set.of());

        Subject.doAs(subject, (PrivilegedAction<Object>) () -> {
            try {
                return c.execute();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        c.execute();

        assertThat(runtime.users).containsExactly("alice", "session-user");
        assertThat(LiveStackAction.userOf(new Subject())).isNull();
    }

    @Test
    void messagesNameManualOrdersPlainly() {
        assertThat(LiveStackAction.label(new Command.ManualIntent(new CancelOrder(Intent.MANUAL,
                ClientOrderId.of("A-1"))))).isEqualTo("cancel");
        assertThat(LiveStackAction.label(new Command.Kill("x"))).isEqualTo("kill");
    }
}
