package io.livestack.storage.internal;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The application-context class loader of the storage CamelContext in OSGi. Camel 4 finds its factories, type
 * converters and languages through {@code META-INF/services/org/apache/camel/...} resources and loads the classes
 * they name; with the upstream Camel jars wrapped as separate bundles, a bundle class loader sees only its own
 * resources. This loader asks, in order, the class loaders of the bundles that carry those resources (engine,
 * support, languages, the components we use) and ours. Outside OSGi all of them are the same loader.
 */
final class CamelClassLoader extends ClassLoader {

    private final List<ClassLoader> delegates;

    private CamelClassLoader(List<ClassLoader> delegates) {
        super(null);
        this.delegates = delegates;
    }

    /** A loader over the Camel bundles the storage routes use and this bundle. */
    static ClassLoader forStorage() {
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        for (Class<?> c : List.of(CamelClassLoader.class,
                org.apache.camel.impl.DefaultCamelContext.class, // camel-core-engine
                org.apache.camel.impl.engine.AbstractCamelContext.class, // camel-base-engine
                org.apache.camel.impl.converter.DefaultTypeConverter.class, // camel-base
                org.apache.camel.support.DefaultComponent.class, // camel-support
                org.apache.camel.processor.Pipeline.class, // camel-core-processor
                org.apache.camel.reifier.RouteReifier.class, // camel-core-reifier
                org.apache.camel.model.RouteDefinition.class, // camel-core-model
                org.apache.camel.language.simple.SimpleLanguage.class, // camel-core-languages (resolved at start)
                org.apache.camel.CamelContext.class, // camel-api
                org.apache.camel.util.ObjectHelper.class, // camel-util
                org.apache.camel.component.timer.TimerComponent.class, // camel-timer
                org.apache.camel.component.direct.DirectComponent.class)) { // camel-direct
            ClassLoader loader = c.getClassLoader();
            if (loader != null) {
                loaders.add(loader);
            }
        }
        return loaders.size() == 1 ? loaders.iterator().next() : new CamelClassLoader(new ArrayList<>(loaders));
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
        return "CamelClassLoader" + delegates;
    }
}
