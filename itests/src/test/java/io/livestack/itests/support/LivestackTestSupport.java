package io.livestack.itests.support;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.CoreOptions.when;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.util.tracker.ServiceTracker;

import io.livestack.testkit.Await;

/**
 * Base of every in-container test: boots THE distribution that karaf-assembly built (its tar.gz), offline,
 * on free ports, and waits until its boot features are installed ({@link BootFinished}) before a test runs.
 *
 * <p>Subclass it, annotate the class with {@code @RunWith(PaxExam.class)} and
 * {@code @ExamReactorStrategy(PerClass.class)} (one Karaf per test class: keep classes few and coarse, every boot
 * costs ~20-40 s on CI), and override {@link #extraOptions()} to add options, e.g.
 * {@code editConfigurationFilePut("etc/livestack.risk.cfg", "maxOrderQty", "10")} or a
 * {@code replaceConfigurationFile(...)}. Test methods run inside Karaf; use {@link Await} for anything
 * asynchronous.
 *
 * <p>System properties (set by failsafe in itests/pom.xml): {@value #DISTRIBUTION_PROPERTY} (the tar.gz),
 * {@code livestack.itest.unpackDirectory}, {@code livestack.itest.tmpdir},
 * {@code org.ops4j.pax.url.mvn.localRepository}; {@code -Dlivestack.itest.keep=true} keeps the unpacked Karaf
 * (under itests/target/exam) for a post-mortem look at its data/log/karaf.log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class LivestackTestSupport {

    public static final String DISTRIBUTION_PROPERTY = "livestack.distribution";
    public static final String LIVESTACK_BSN_PREFIX = "io.livestack";

    /** In-container system properties with the ports this Karaf listens on. */
    public static final String HTTP_PORT = "livestack.itest.httpPort";
    public static final String SSH_PORT = "livestack.itest.sshPort";
    public static final String RMI_REGISTRY_PORT = "livestack.itest.rmiRegistryPort";
    public static final String RMI_SERVER_PORT = "livestack.itest.rmiServerPort";

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected FeaturesService featuresService;

    /** Injection waits (up to the system timeout) until every boot feature is installed. */
    @Inject
    protected BootFinished bootFinished;

    @Configuration
    public final Option[] configuration() {
        return OptionUtils.combine(baseOptions(), extraOptions());
    }

    /** Options a test class adds to (or overrides in) the base configuration. */
    protected Option[] extraOptions() {
        return new Option[0];
    }

    /**
     * Opt-in for {@link #extraOptions()}: the demo FIX exchange simulator (etc/livestack.fixsim.cfg) and the FIXSIM
     * venue that connects to it (etc/livestack.venue.fix-FIXSIM.cfg) on one free port instead of the demo's 9878,
     * which another Karaf on the machine may hold (the simulator then fails to start and FIXSIM logs on elsewhere).
     */
    protected static Option[] fixSimulatorOnFreePort() {
        String port = Integer.toString(freePorts(1)[0]);
        return new Option[] {
            editConfigurationFilePut("etc/livestack.fixsim.cfg", "port", port),
            editConfigurationFilePut("etc/livestack.venue.fix-FIXSIM.cfg", "port", port)};
    }

    /** The demo's momentum taker on FIXSIM (mom-fix): off in every test unless it opts in. */
    protected static final String FIX_DEMO_STRATEGY_CFG = "etc/livestack.strategy.momentum-mom-fix.cfg";

    /**
     * Opt-in for {@link #extraOptions()}: the demo's FIX strategy mom-fix starts with the session, as in the demo
     * (with {@link #fixSimulatorOnFreePort()}, it trades on this test's own simulator).
     */
    protected static Option fixDemoStrategy() {
        return editConfigurationFilePut(FIX_DEMO_STRATEGY_CFG, "livestack.strategy.autoStart", "true");
    }

    /**
     * Writes the file next to the Karaf directories, then moves it into place in one step (a directory watcher never
     * sees it half written).
     */
    protected Path moveInto(Path target, byte[] content) {
        try {
            Path staging = Path.of(bundleContext.getProperty("karaf.data")).resolve("tmp");
            Files.createDirectories(staging);
            Path tmp = Files.createTempFile(staging, "move-into", ".tmp");
            Files.write(tmp, content);
            return Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ProbeBuilder
    public TestProbeBuilder probeConfiguration(TestProbeBuilder probe) {
        // the probe (this module's test classes) sees every package the container exports
        probe.setHeader(Constants.DYNAMICIMPORT_PACKAGE, "*");
        return probe;
    }

    protected Option[] baseOptions() {
        String distribution = requiredProperty(DISTRIBUTION_PROPERTY);
        File tarGz = new File(distribution);
        if (!tarGz.isFile()) {
            throw new IllegalStateException("No distribution at " + tarGz + ": build karaf-assembly first (mvn -B verify from the root)");
        }
        String karafVersion = requiredProperty("karaf.version");
        File unpack = new File(System.getProperty("livestack.itest.unpackDirectory", "target/exam"));
        File tmp = new File(System.getProperty("livestack.itest.tmpdir", "target/tmp"));
        tmp.mkdirs();
        String localRepository = System.getProperty("org.ops4j.pax.url.mvn.localRepository", "");
        int[] ports = freePorts(4);

        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(tarGz.toURI().toString())
                        .karafVersion(karafVersion)
                        .name("Live Stack")
                        .unpackDirectory(unpack)
                        .useDeployFolder(false),
                when(Boolean.getBoolean("livestack.itest.keep")).useOptions(keepRuntimeFolder()),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.INFO),
                systemTimeout(Duration.ofMinutes(5).toMillis()),

                // offline, like production: everything must come from the distribution's system/ repository
                // (plus the local Maven repository, for Pax Exam's own bundles)
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepository),
                editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "updateSnapshots", "none"),

                // free ports, so that a running demo distribution or a parallel build does not collide
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(ports[0])),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(ports[1])),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(ports[2])),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(ports[3])),
                systemProperty(HTTP_PORT).value(Integer.toString(ports[0])),
                systemProperty(SSH_PORT).value(Integer.toString(ports[1])),
                systemProperty(RMI_REGISTRY_PORT).value(Integer.toString(ports[2])),
                systemProperty(RMI_SERVER_PORT).value(Integer.toString(ports[3])),
                // the demo's FIX strategy stays off unless a test asks for it (fixDemoStrategy()): tests that use
                // FIXSIM count its orders and sessions themselves
                editConfigurationFilePut(FIX_DEMO_STRATEGY_CFG, "livestack.strategy.autoStart", "false"),
                editConfigurationFilePut("etc/branding.properties", "welcome", ""),
                editConfigurationFilePut("etc/branding-ssh.properties", "welcome", ""),
                vmOption("-Djava.io.tmpdir=" + tmp.getAbsolutePath())));
        options.addAll(java17LauncherOptions(karafVersion));
        return options.toArray(new Option[0]);
    }

    /**
     * What bin/karaf adds on Java 9+; Pax Exam's launcher does not (it runs in the unpacked Karaf's base
     * directory, so relative paths work).
     */
    private static List<Option> java17LauncherOptions(String karafVersion) {
        List<String> args = new ArrayList<>(List.of(
                "--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
                "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
                "--add-opens", "java.base/java.security=ALL-UNNAMED",
                "--add-opens", "java.base/java.net=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
                "-classpath", "lib/boot/*" + File.pathSeparator + "lib/jdk9plus/*"));
        return args.stream().map(arg -> vmOption(arg)).collect(Collectors.toList());
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Every installed bundle whose symbolic name starts with {@value #LIVESTACK_BSN_PREFIX}. */
    protected List<Bundle> livestackBundles() {
        return Arrays.stream(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith(LIVESTACK_BSN_PREFIX))
                .collect(Collectors.toList());
    }

    /** The installed bundle with that symbolic name, or null. */
    protected Bundle bundle(String symbolicName) {
        return Arrays.stream(bundleContext.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElse(null);
    }

    protected static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
    }

    /** Bundles that should be ACTIVE but are not (fragments stay RESOLVED by design). */
    protected static List<String> notActive(Collection<Bundle> bundles) {
        return bundles.stream()
                .filter(b -> !isFragment(b) && b.getState() != Bundle.ACTIVE)
                .map(b -> b.getSymbolicName() + "/" + b.getVersion() + " is " + stateName(b.getState()))
                .collect(Collectors.toList());
    }

    /** Waits for a service (up to {@link Await#DEFAULT_TIMEOUT}). */
    protected <T> T service(Class<T> type) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(bundleContext, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(Await.DEFAULT_TIMEOUT.toMillis());
            if (service == null) {
                throw new AssertionError("No " + type.getName() + " service within " + Await.DEFAULT_TIMEOUT);
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            // the service object stays usable; we only stop tracking it
            tracker.close();
        }
    }

    /**
     * The DS components of those bundles that are not ready: every enabled component must have its
     * configurations SATISFIED or ACTIVE, and at least one unless it requires a configuration that is absent
     * (e.g. one component per venue .cfg).
     */
    protected List<String> componentProblems(Collection<Bundle> bundles) {
        List<String> problems = new ArrayList<>();
        if (bundles.isEmpty()) {
            return problems; // getComponentDescriptionDTOs() with no bundle means "all bundles"
        }
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundles.toArray(new Bundle[0]))) {
            String name = description.bundle.symbolicName + ":" + description.name;
            if (!scr.isComponentEnabled(description)) {
                if (description.defaultEnabled) {
                    problems.add(name + " is disabled");
                }
                continue;
            }
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
            if (configurations.isEmpty() && !"require".equals(description.configurationPolicy)) {
                problems.add(name + " has no component configuration");
            }
            for (ComponentConfigurationDTO configuration : configurations) {
                if (configuration.state != ComponentConfigurationDTO.ACTIVE
                        && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    problems.add(name + " is " + componentStateName(configuration.state)
                            + (configuration.unsatisfiedReferences.length == 0 ? "" : ", unsatisfied references "
                            + Arrays.stream(configuration.unsatisfiedReferences)
                                    .map(LivestackTestSupport::describe).collect(Collectors.joining(", ")))
                            + (configuration.failure == null ? "" : ", failure: " + configuration.failure));
                }
            }
        }
        return problems;
    }

    /** Number of DS component descriptions those bundles declare. */
    protected int componentCount(Collection<Bundle> bundles) {
        if (bundles.isEmpty()) {
            return 0;
        }
        return service(ServiceComponentRuntime.class).getComponentDescriptionDTOs(bundles.toArray(new Bundle[0])).size();
    }

    private static String describe(UnsatisfiedReferenceDTO reference) {
        return reference.name + (reference.target == null ? "" : " (target " + reference.target + ")");
    }

    protected static String stateName(int state) {
        switch (state) {
            case Bundle.UNINSTALLED: return "UNINSTALLED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            default: return "state " + state;
        }
    }

    protected static String componentStateName(int state) {
        switch (state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION: return "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE: return "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.SATISFIED: return "SATISFIED";
            case ComponentConfigurationDTO.ACTIVE: return "ACTIVE";
            case ComponentConfigurationDTO.FAILED_ACTIVATION: return "FAILED_ACTIVATION";
            default: return "state " + state;
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set (run the tests through mvn verify)");
        }
        return value;
    }

    /** {@code count} distinct TCP ports free at the time of the call (all held open together, then released). */
    public static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException("cannot find free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
