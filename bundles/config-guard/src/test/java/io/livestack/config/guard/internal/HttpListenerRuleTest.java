package io.livestack.config.guard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Hashtable;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class HttpListenerRuleTest {

    private final HttpListenerRule rule = new HttpListenerRule();

    private static Hashtable<String, Object> httpsAlone(String addresses) {
        Hashtable<String, Object> p = new Hashtable<>();
        if (addresses != null) {
            p.put(HttpListenerRule.ADDRESSES, addresses);
        }
        p.put(HttpListenerRule.HTTP_ENABLED, "false");
        p.put(HttpListenerRule.HTTPS_ENABLED, Boolean.TRUE);
        p.put(HttpListenerRule.KEYSTORE, "/opt/livestack/etc/https.p12");
        return p;
    }

    @Test
    void loopbackPlainHttpStands() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(HttpListenerRule.ADDRESSES, "127.0.0.1");
        p.put(HttpListenerRule.HTTP_ENABLED, "true");
        assertThat(rule.enforce(p)).isEmpty();
        assertThat(p.get(HttpListenerRule.ADDRESSES)).isEqualTo("127.0.0.1");
    }

    @Test
    void nonLoopbackHttpsAloneStands() {
        Hashtable<String, Object> p = httpsAlone("0.0.0.0");
        assertThat(rule.enforce(p)).isEmpty();
        assertThat(p.get(HttpListenerRule.ADDRESSES)).isEqualTo("0.0.0.0");
    }

    @Test
    void nonLoopbackWithPlainHttpIsPutOnLoopbackNamingTheKey() {
        Hashtable<String, Object> p = httpsAlone("0.0.0.0");
        p.put(HttpListenerRule.HTTP_ENABLED, "true");
        Optional<String> refused = rule.enforce(p);
        assertThat(refused).hasValueSatisfying(m -> assertThat(m).contains("org.osgi.service.http.enabled must be false")
                .contains("0.0.0.0").contains("127.0.0.1"));
        assertThat(p.get(HttpListenerRule.ADDRESSES)).isEqualTo("127.0.0.1");
    }

    @Test
    void absentAddressMeansPaxWebsWildcardAndIsRefusedWithoutTls() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(HttpListenerRule.HTTP_ENABLED, "true");
        assertThat(rule.enforce(p)).hasValueSatisfying(m -> assertThat(m).contains("not set"));
        assertThat(p.get(HttpListenerRule.ADDRESSES)).isEqualTo("127.0.0.1");
    }

    @Test
    void httpsWithoutKeystoreIsRefusedNamingTheKeystoreKey() {
        Hashtable<String, Object> p = httpsAlone("10.1.2.3");
        p.remove(HttpListenerRule.KEYSTORE);
        assertThat(rule.enforce(p)).hasValueSatisfying(m -> assertThat(m).contains("org.ops4j.pax.web.ssl.keystore"));
        assertThat(p.get(HttpListenerRule.ADDRESSES)).isEqualTo("127.0.0.1");
    }

    @Test
    void httpsDisabledIsRefusedNamingTheSecureKey() {
        Hashtable<String, Object> p = httpsAlone("10.1.2.3");
        p.put(HttpListenerRule.HTTPS_ENABLED, "false");
        assertThat(rule.enforce(p)).hasValueSatisfying(
                m -> assertThat(m).contains("org.osgi.service.http.secure.enabled must be true"));
    }

    @Test
    void oneNonLoopbackAddressAmongLoopbackOnesIsEnough() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(HttpListenerRule.ADDRESSES, "127.0.0.1,192.168.0.10");
        assertThat(rule.enforce(p)).isPresent();
        assertThat(p.get(HttpListenerRule.ADDRESSES)).isEqualTo("127.0.0.1");
    }
}
