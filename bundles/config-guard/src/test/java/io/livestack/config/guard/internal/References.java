package io.livestack.config.guard.internal;

import java.lang.reflect.Proxy;

import org.osgi.framework.ServiceReference;

/** A stand-in for the service reference Config Admin passes when it delivers a configuration to its consumer. */
final class References {

    private References() {
    }

    static ServiceReference<?> consumer() {
        return (ServiceReference<?>) Proxy.newProxyInstance(References.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
