package io.livestack.config.guard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class ListenerGuardPluginTest {

    private final ListenerGuardPlugin plugin = new ListenerGuardPlugin(
            List.of(new HttpListenerRule(), new SshListenerRule()));

    @Test
    void targetsBothListenerPids() {
        assertThat(plugin.targets()).containsExactlyInAnyOrder("org.ops4j.pax.web", "org.apache.karaf.shell");
    }

    @Test
    void appliesTheRuleOfThePidDelivered() {
        Hashtable<String, Object> ssh = new Hashtable<>();
        ssh.put(Constants.SERVICE_PID, "org.apache.karaf.shell");
        ssh.put("sshHost", "0.0.0.0");
        plugin.modifyConfiguration(References.consumer(), ssh);
        assertThat(ssh.get("sshHost")).isEqualTo("127.0.0.1");
    }

    @Test
    public void showsOtherReadersWhatIsConfigured() {
        Hashtable<String, Object> listed = new Hashtable<>();
        listed.put(Constants.SERVICE_PID, "org.apache.karaf.shell");
        listed.put("sshHost", "0.0.0.0");
        plugin.modifyConfiguration(null, listed);
        assertThat(listed.get("sshHost")).isEqualTo("0.0.0.0");
    }

    @Test
    void leavesOtherPidsAlone() {
        Hashtable<String, Object> other = new Hashtable<>();
        other.put(Constants.SERVICE_PID, "livestack.runtime");
        other.put("sshHost", "0.0.0.0");
        plugin.modifyConfiguration(References.consumer(), other);
        assertThat(other.get("sshHost")).isEqualTo("0.0.0.0");
        plugin.modifyConfiguration(References.consumer(), null);
    }
}
