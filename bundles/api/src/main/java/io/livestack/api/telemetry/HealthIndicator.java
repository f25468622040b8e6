package io.livestack.api.telemetry;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A component's health, registered as an OSGi service by any bundle (storage registers one named
 * {@value #STORAGE}; a venue adapter may register one per venue named {@code venue:<id>}). The metrics bundle shows
 * every registered indicator in {@code /livestack/health} and answers 503 when one is DOWN.
 * <p>
 * {@link #health()} is called from HTTP threads: it must be cheap and must not block (return a status the
 * component keeps up to date, e.g. in a volatile field).
 */
@ConsumerType
public interface HealthIndicator {

    /** The name storage uses. */
    String STORAGE = "storage";

    /** Stable component name, e.g. {@code storage}; letters, digits, '-', '.', ':' and '_'. */
    String name();

    Health health();
}
