package io.livestack.export.kafka.internal;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The application-context (and thread context) class loader of the export's CamelContext and Kafka clients in OSGi.
 * Camel 4 finds factories, type converters and languages through {@code META-INF/services/org/apache/camel/...}
 * resources; Kafka's clients load serializers and login modules by class name through the thread context class
 * loader. With the upstream jars wrapped as separate bundles, one bundle's class loader sees only its own resources:
 * this loader asks, in order, the loaders of the classes it was given. Outside OSGi they are all the same loader.
 */
final class BundleLoaders extends ClassLoader {

    private final List<ClassLoader> delegates;

    private BundleLoaders(List<ClassLoader> delegates) {
        super(null);
        this.delegates = delegates;
    }

    /** A loader over the Camel and Kafka bundles the export uses and this bundle. */
    static ClassLoader forExport() {
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        for (Class<?> c : List.of(BundleLoaders.class,
                org.apache.camel.impl.DefaultCamelContext.class, // camel-core-engine
                org.apache.camel.impl.engine.AbstractCamelContext.class, // camel-base-engine
                org.apache.camel.impl.converter.DefaultTypeConverter.class, // camel-base
                org.apache.camel.support.DefaultComponent.class, // camel-support
                org.apache.camel.processor.Pipeline.class, // camel-core-processor
                org.apache.camel.reifier.RouteReifier.class, // camel-core-reifier
                org.apache.camel.model.RouteDefinition.class, // camel-core-model
                org.apache.camel.language.simple.SimpleLanguage.class, // camel-core-languages
                org.apache.camel.CamelContext.class, // camel-api
                org.apache.camel.util.ObjectHelper.class, // camel-util
                org.apache.camel.component.timer.TimerComponent.class, // camel-timer
                org.apache.camel.component.direct.DirectComponent.class, // camel-direct
                org.apache.camel.component.kafka.KafkaComponent.class, // camel-kafka
                org.apache.kafka.clients.producer.KafkaProducer.class)) { // kafka-clients
            ClassLoader loader = c.getClassLoader();
            if (loader != null) {
                loaders.add(loader);
            }
        }
        return loaders.size() == 1 ? loaders.iterator().next() : new BundleLoaders(new ArrayList<>(loaders));
    }

    /** Runs {@code action} with {@code loader} as the thread context class loader. */
    static <T> T with(ClassLoader loader, java.util.concurrent.Callable<T> action) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return action.call();
        } finally {
            t.setContextClassLoader(before);
        }
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

    @Override
    public String toString() {
        return "BundleLoaders" + delegates;
    }
}
