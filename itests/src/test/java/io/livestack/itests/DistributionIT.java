package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Dependency;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.Repository;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.ConfigurationAdmin;

import io.livestack.testkit.Await;
import io.livestack.itests.support.LivestackTestSupport;

/**
 * The distribution as it boots: every Live Stack bundle active, every component ready, every Live Stack boot
 * feature installed, and the wrapped Camel bundles of livestack-storage working. One Karaf for the whole class.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionIT extends LivestackTestSupport {

    private static final String CAMEL_FEATURE = "livestack-thirdparty-camel";

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Test
    public void everyLivestackBundleIsActive() {
        List<Bundle> bundles = livestackBundles();
        assertNotNull("the API bundle is installed", bundle("io.livestack.api"));
        assertNotNull("the metrics bundle is installed", bundle("io.livestack.metrics"));
        Await.value("every io.livestack bundle ACTIVE", Await.DEFAULT_TIMEOUT, () -> notActive(bundles), List::isEmpty);
    }

    @Test
    public void everyComponentOfTheLivestackBundlesIsSatisfiedOrActive() {
        List<Bundle> bundles = livestackBundles();
        assertTrue("the Live Stack bundles declare DS components", componentCount(bundles) > 0);
        Await.value("every DS component of the io.livestack bundles SATISFIED or ACTIVE", Await.DEFAULT_TIMEOUT,
                () -> componentProblems(bundles), List::isEmpty);
    }

    @Test
    public void everyLivestackBootFeatureAndWhatItIncludesIsInstalled() throws Exception {
        Repository repository = Arrays.stream(featuresService.listRepositories())
                .filter(r -> r.getName() != null && r.getName().startsWith("livestack-"))
                .findFirst().orElse(null);
        assertNotNull("the livestack features repository is registered", repository);

        Set<String> boot = bootFeatureNames();
        assertTrue("the distribution boots livestack: " + boot, boot.contains("livestack"));
        Set<String> expected = livestackClosure(boot);
        assertTrue("livestack-core is part of what boots: " + expected, expected.contains("livestack-core"));
        assertTrue("livestack-storage is part of what boots: " + expected, expected.contains("livestack-storage"));

        List<String> missing = new ArrayList<>();
        for (String name : expected) {
            Feature feature = featuresService.getFeature(name);
            if (feature == null || !featuresService.isInstalled(feature)) {
                missing.add(name);
            }
        }
        assertEquals("livestack features not installed (expected " + expected + ")", List.of(), missing);
    }

    @Test
    public void camelBundlesOfTheStorageFeatureAreActive() throws Exception {
        assertTrue("livestack-storage includes " + CAMEL_FEATURE,
                livestackClosure(Set.of("livestack-storage")).contains(CAMEL_FEATURE));
        Feature camel = featuresService.getFeature(CAMEL_FEATURE);
        assertNotNull(CAMEL_FEATURE, camel);
        List<String> locations = camel.getBundles().stream()
                .map(BundleInfo::getLocation).filter(l -> l.startsWith("wrap:"))
                .map(String::trim).collect(Collectors.toList());
        assertTrue("the Camel feature wraps the upstream jars: " + locations, locations.size() >= 15);

        List<String> problems = Await.value("the wrapped Camel bundles ACTIVE", Await.DEFAULT_TIMEOUT, () -> {
            List<String> notReady = new ArrayList<>();
            for (String location : locations) {
                Bundle bundle = bundleContext.getBundle(location);
                if (bundle == null) {
                    notReady.add("not installed: " + location);
                } else if (bundle.getState() != Bundle.ACTIVE) {
                    notReady.add(bundle.getSymbolicName() + " is " + stateName(bundle.getState()));
                }
            }
            return notReady;
        }, List::isEmpty);
        assertEquals(List.of(), problems);
        Set<String> versions = locations.stream().map(l -> bundleContext.getBundle(l).getVersion().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals("every Camel bundle at one version", 1, versions.size());
    }

    /**
     * The wrapped Camel works, not only resolves: a Java DSL route over an explicitly registered direct component,
     * with an application-context class loader over the Camel bundles (how a DS component in livestack-storage
     * sets up its CamelContext).
     */
    @Test
    public void aJavaDslRouteRunsOnTheWrappedCamel() throws Exception {
        CamelContext context = new DefaultCamelContext();
        try {
            context.setApplicationContextClassLoader(new CamelBundlesClassLoader(camelBundles()));
            context.addComponent("direct", new DirectComponent());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:itest").routeId("itest-route")
                            .process(exchange -> exchange.getMessage().setBody(
                                    "pong " + exchange.getMessage().getBody(String.class)));
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            assertEquals("pong 42", template.requestBody("direct:itest", 42, String.class));
        } finally {
            context.close();
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private List<Bundle> camelBundles() {
        List<Bundle> bundles = Arrays.stream(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.apache.camel."))
                .collect(Collectors.toList());
        assertFalse("Camel bundles installed", bundles.isEmpty());
        return bundles;
    }

    /** featuresBoot of etc/org.apache.karaf.features.cfg, names only ("(wrap), livestack/0.1.0, ..."). */
    private Set<String> bootFeatureNames() throws IOException {
        Object value = configurationAdmin.getConfiguration("org.apache.karaf.features", null).getProperties().get("featuresBoot");
        assertNotNull("featuresBoot is configured", value);
        Set<String> names = new TreeSet<>();
        for (String entry : value.toString().split(",")) {
            String name = entry.replace("(", "").replace(")", "").trim();
            int slash = name.indexOf('/');
            if (slash >= 0) {
                name = name.substring(0, slash);
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** The livestack* features among these roots and, transitively, their livestack* dependencies. */
    private Set<String> livestackClosure(Set<String> roots) throws Exception {
        Set<String> closure = new LinkedHashSet<>();
        List<String> todo = roots.stream().filter(n -> n.startsWith("livestack")).collect(Collectors.toList());
        while (!todo.isEmpty()) {
            String name = todo.remove(0);
            if (!closure.add(name)) {
                continue;
            }
            Feature feature = featuresService.getFeature(name);
            assertNotNull("feature " + name + " exists", feature);
            for (Dependency dependency : feature.getDependencies()) {
                if (dependency.getName().startsWith("livestack")) {
                    todo.add(dependency.getName());
                }
            }
        }
        return closure;
    }

    /** Sees the classes and META-INF resources of all the Camel bundles (Camel's factory finders need both). */
    static final class CamelBundlesClassLoader extends ClassLoader {
        private final List<ClassLoader> delegates;

        CamelBundlesClassLoader(List<Bundle> bundles) {
            super(null);
            this.delegates = bundles.stream().map(b -> b.adapt(BundleWiring.class))
                    .filter(w -> w != null).map(BundleWiring::getClassLoader)
                    .collect(Collectors.toList());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            for (ClassLoader loader : delegates) {
                try {
                    return loader.loadClass(name);
                } catch (ClassNotFoundException | NoClassDefFoundError next) {
                    // try the next bundle
                }
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            for (ClassLoader loader : delegates) {
                URL url = loader.getResource(name);
                if (url != null) {
                    return url;
                }
            }
            return null;
        }

        @Override
        protected Enumeration<URL> findResources(String name) throws IOException {
            List<URL> urls = new ArrayList<>();
            for (ClassLoader loader : delegates) {
                urls.addAll(Collections.list(loader.getResources(name)));
            }
            return Collections.enumeration(urls);
        }
    }
}
