package io.livestack.metrics.internal;

import com.codahale.metrics.Gauge;

/**
 * A gauge whose value only grows (a count the runtime keeps, read on demand): exported to Prometheus as a counter
 * ({@code _total}) rather than a gauge.
 */
@FunctionalInterface
interface CounterGauge extends Gauge<Number> {
}
