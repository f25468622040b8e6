/**
 * Telemetry contracts: the metric names every stage uses with the Dropwizard {@code MetricRegistry} service, and
 * health indicators that components register for {@code /livestack/health}.
 */
@Export
@Version("1.5.0")
package io.livestack.api.telemetry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
