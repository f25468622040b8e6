package io.livestack.strategies.examples.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a configuration annotation instance from overrides (by method name) and the declared defaults. */
final class Configs {

    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, Object> overrides) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (p, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            return method.getDefaultValue();
        });
        return type.cast(proxy);
    }
}
