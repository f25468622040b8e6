package io.livestack.config.guard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Hashtable;

import org.junit.jupiter.api.Test;

class SshListenerRuleTest {

    private final SshListenerRule rule = new SshListenerRule();

    private static Hashtable<String, Object> ssh(String host, String authMethods) {
        Hashtable<String, Object> p = new Hashtable<>();
        if (host != null) {
            p.put(SshListenerRule.HOST, host);
        }
        if (authMethods != null) {
            p.put(SshListenerRule.AUTH_METHODS, authMethods);
        }
        return p;
    }

    @Test
    void loopbackWithPasswordsStands() {
        Hashtable<String, Object> p = ssh("127.0.0.1", null);
        assertThat(rule.enforce(p)).isEmpty();
        assertThat(p.get(SshListenerRule.HOST)).isEqualTo("127.0.0.1");
    }

    @Test
    void nonLoopbackWithKeysOnlyStands() {
        Hashtable<String, Object> p = ssh("0.0.0.0", " publickey ");
        assertThat(rule.enforce(p)).isEmpty();
        assertThat(p.get(SshListenerRule.HOST)).isEqualTo("0.0.0.0");
    }

    @Test
    void nonLoopbackWithPasswordsIsPutOnLoopbackNamingAuthMethods() {
        Hashtable<String, Object> p = ssh("0.0.0.0", "password,publickey");
        assertThat(rule.enforce(p)).hasValueSatisfying(m -> assertThat(m).contains("authMethods must be publickey")
                .contains("0.0.0.0").contains("sshHost"));
        assertThat(p.get(SshListenerRule.HOST)).isEqualTo("127.0.0.1");
    }

    @Test
    void karafsDefaultsAreRefused() {
        Hashtable<String, Object> p = ssh(null, null);
        assertThat(rule.enforce(p)).hasValueSatisfying(m -> assertThat(m).contains("not set"));
        assertThat(p.get(SshListenerRule.HOST)).isEqualTo("127.0.0.1");
    }
}
