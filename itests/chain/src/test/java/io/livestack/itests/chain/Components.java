package io.livestack.itests.chain;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * What Declarative Services does for a component, done by hand for plain-Java wiring: configuration annotation
 * instances (the declared defaults plus overrides, as SCR builds them from Config Admin properties) and calls of the
 * (package-private) bind methods and reference fields, which SCR reaches reflectively too.
 */
final class Components {

    private Components() {
    }

    /**
     * An instance of the configuration annotation {@code type}: each element returns its override (by element name,
     * e.g. {@code "livestack_strategy_id"}) or else its declared default.
     */
    static <A> A config(Class<A> type, Map<String, ?> overrides) {
        for (String key : overrides.keySet()) {
            try {
                type.getMethod(key);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(type.getSimpleName() + " has no element '" + key + "'", e);
            }
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return "@" + type.getSimpleName() + overrides;
                case "hashCode":
                    return System.identityHashCode(self);
                case "equals":
                    return self == args[0];
                default:
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    Object value = method.getDefaultValue();
                    if (value == null) {
                        throw new IllegalStateException(type.getSimpleName() + "." + method.getName()
                                + " has no default and was not given");
                    }
                    return value;
            }
        });
        return type.cast(proxy);
    }

    /** Calls the component's bind (or other lifecycle) method {@code name} whose parameters fit {@code args}. */
    static void call(Object component, String name, Object... args) {
        Method found = null;
        for (Class<?> c = component.getClass(); c != null && found == null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && fits(m.getParameterTypes(), args)) {
                    found = m;
                    break;
                }
            }
        }
        if (found == null) {
            throw new IllegalArgumentException(component.getClass().getName() + " has no method " + name
                    + " taking " + args.length + " fitting arguments");
        }
        try {
            found.setAccessible(true);
            found.invoke(component, args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Sets a (reference) field, as SCR's field injection does. */
    static void inject(Object component, String field, Object value) {
        for (Class<?> c = component.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(field);
                f.setAccessible(true);
                f.set(component, value);
                return;
            } catch (NoSuchFieldException e) {
                // try the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException(component.getClass().getName() + " has no field " + field);
    }

    private static boolean fits(Class<?>[] types, Object[] args) {
        if (types.length != args.length) {
            return false;
        }
        for (int i = 0; i < types.length; i++) {
            if (args[i] != null && !types[i].isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }
}
