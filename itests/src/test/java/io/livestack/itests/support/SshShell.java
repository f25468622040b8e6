package io.livestack.itests.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Consumer;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/** Runs one command over SSH against Karaf's shell (outside the container), like {@code ssh -p PORT user@host cmd}. */
public final class SshShell {

    /** What the command wrote to stdout and stderr. */
    public static final class Result {
        public final String out;
        public final String err;

        Result(String out, String err) {
            this.out = out;
            this.err = err;
        }

        public String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "out: " + out + "\nerr: " + err;
        }
    }

    private SshShell() {
    }

    public static Result execute(int port, String user, String password, String command, Duration timeout)
            throws Exception {
        return execute(port, user, session -> session.addPasswordIdentity(password), command, timeout);
    }

    /** ... logging in with a key pair instead of a password. */
    public static Result execute(int port, String user, KeyPair key, String command, Duration timeout)
            throws Exception {
        return execute(port, user, session -> session.addPublicKeyIdentity(key), command, timeout);
    }

    private static Result execute(int port, String user, Consumer<ClientSession> identity, String command,
            Duration timeout) throws Exception {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
            try (ClientSession session = client.connect(user, "127.0.0.1", port).verify(timeout).getSession()) {
                identity.accept(session);
                session.auth().verify(timeout);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                try (ChannelExec channel = session.createExecChannel(command + "\n")) {
                    channel.setOut(out);
                    channel.setErr(err);
                    channel.open().verify(timeout);
                    channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
                }
                return new Result(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            }
        }
    }
}
