package io.livestack.config.guard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class SecretGuardPluginTest {

    private static final String PID = "livestack.venue.fix~LSE";

    /** What Config Admin stores: the placeholders. */
    private final Hashtable<String, Object> stored = new Hashtable<>(Map.of(Constants.SERVICE_PID, PID,
            "password", "$[secret:secrets/lse-password]", "tlsKeyStorePassword", "pre-$[env:LSE_KS]-post",
            "host", "10.0.0.1"));
    private final SecretGuardPlugin plugin = new SecretGuardPlugin(pid -> PID.equals(pid) ? stored : null);

    /** What the interpolation plugin made of them. */
    private static Hashtable<String, Object> interpolated() {
        return new Hashtable<>(Map.of(Constants.SERVICE_PID, PID, "password", "s3cret", "tlsKeyStorePassword",
                "pre-ks-post", "host", "10.0.0.1"));
    }

    @Test
    public void theConsumerGetsTheSecrets() {
        Dictionary<String, Object> delivered = interpolated();
        plugin.modifyConfiguration(References.consumer(), delivered);
        assertThat(delivered.get("password")).isEqualTo("s3cret");
        assertThat(delivered.get("tlsKeyStorePassword")).isEqualTo("pre-ks-post");
    }

    @Test
    public void anyOtherReaderGetsThePlaceholders() {
        Dictionary<String, Object> listed = interpolated();
        plugin.modifyConfiguration(null, listed);
        assertThat(listed.get("password")).isEqualTo("$[secret:secrets/lse-password]");
        assertThat(listed.get("tlsKeyStorePassword")).isEqualTo("pre-$[env:LSE_KS]-post");
        assertThat(listed.get("host")).isEqualTo("10.0.0.1");
    }

    @Test
    public void unknownPidsAndEmptyConfigurationsAreLeftAlone() {
        Hashtable<String, Object> other = new Hashtable<>(Map.of(Constants.SERVICE_PID, "other", "password", "x"));
        plugin.modifyConfiguration(null, other);
        assertThat(other.get("password")).isEqualTo("x");
        plugin.modifyConfiguration(null, null);
    }

    @Test
    public void placeholdersAreSecretAndEnvReferencesOnly() {
        assertThat(SecretGuardPlugin.isPlaceholder("$[secret:a]")).isTrue();
        assertThat(SecretGuardPlugin.isPlaceholder("$[env:A]")).isTrue();
        assertThat(SecretGuardPlugin.isPlaceholder(new String[] {"x", "$[env:A]"})).isTrue();
        assertThat(SecretGuardPlugin.isPlaceholder("${karaf.etc}/x")).isFalse();
        assertThat(SecretGuardPlugin.isPlaceholder("$[prop:karaf.home]")).isFalse();
        assertThat(SecretGuardPlugin.isPlaceholder(42)).isFalse();
    }
}
