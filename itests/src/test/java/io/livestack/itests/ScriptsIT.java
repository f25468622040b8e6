package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.livestack.itests.support.Distribution;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.BlockJUnit4ClassRunner;

/**
 * The distribution's scripts on a machine with Java on the PATH and no JAVA_HOME (a fresh machine with only Java 17
 * and Maven): bin/client, bin/status and bin/karaf's environment take the Java on the PATH, and none of them warns
 * "JAVA_HOME not set; results may vary". Nothing is started.
 */
@RunWith(BlockJUnit4ClassRunner.class)
public class ScriptsIT {

    static final String WARNING = "JAVA_HOME not set";

    private Distribution dist;

    @After
    public void removeIt() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    @Test
    public void withJavaOnThePathAndNoJavaHomeTheScriptsDoNotWarn() throws Exception {
        dist = Distribution.unpack("scripts");
        String client = run("bin/client", "--help");
        assertTrue(client, client.contains("Apache Karaf client"));
        assertFalse(client, client.contains(WARNING));
        String status = run("bin/status");
        assertTrue(status, status.contains("Not Running"));
        assertFalse(status, status.contains(WARNING));

        String javaHome = run("sh", "-c", ". bin/setenv && echo \"$JAVA_HOME\"").trim();
        assertTrue("bin/setenv gives a JAVA_HOME with bin/java: '" + javaHome + "'",
                new File(javaHome, "bin/java").canExecute());
        String kept = run("sh", "-c", "JAVA_HOME=/opt/own-jdk; . bin/setenv && echo \"$JAVA_HOME\"").trim();
        assertEquals("a JAVA_HOME that is set wins", "/opt/own-jdk", kept);
    }

    /** Runs in the distribution's folder without JAVA_HOME, this JVM's bin first on the PATH; its whole output. */
    private String run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dist.home().toFile())
                .redirectErrorStream(true);
        pb.environment().remove("JAVA_HOME");
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        pb.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(String.join(" ", command) + " did not end within 60 s", p.waitFor(60, TimeUnit.SECONDS));
        return new String(out, StandardCharsets.UTF_8);
    }
}
