package io.livestack.itests.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

/**
 * Runs shell commands inside the container the way the console and ssh do: in a Karaf shell session, as a JAAS
 * subject with a user and roles, so that the command ACLs (etc/org.apache.karaf.command.acl.*.cfg) apply.
 */
public final class KarafShell {

    /** What a command printed, and the exception it ended with (null when it succeeded). */
    public static final class Result {
        public final String output;
        public final Exception failure;

        Result(String output, Exception failure) {
            this.output = output;
            this.failure = failure;
        }

        public boolean ok() {
            return failure == null;
        }

        /** The one line the console shows for the failure (its message). */
        public String error() {
            return failure == null ? null : String.valueOf(failure.getMessage());
        }

        @Override
        public String toString() {
            return ok() ? output : output + "[failed: " + failure + "]";
        }
    }

    private final SessionFactory sessionFactory;

    public KarafShell(SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    public Result execute(String command, String user, String... roles) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        for (String role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        Exception failure = null;
        try (Session session = sessionFactory.create(System.in, out, out)) {
            session.put("USER", user);
            session.put("APPLICATION", System.getProperty("karaf.name", "root"));
            Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (java.security.PrivilegedActionException e) {
            failure = e.getException();
        } catch (Exception e) {
            failure = e;
        }
        out.flush();
        return new Result(bytes.toString(StandardCharsets.UTF_8), failure);
    }
}
