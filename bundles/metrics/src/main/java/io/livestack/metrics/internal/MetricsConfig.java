package io.livestack.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@value #PID} (etc/livestack.metrics.cfg): the gauges' refresh and the HTTP endpoints' authentication. */
@ObjectClassDefinition(id = MetricsConfig.PID, name = "Live Stack metrics",
        description = "Gauges of the running chain and the HTTP endpoints /livestack/metrics and /livestack/health")
@interface MetricsConfig {

    String PID = "livestack.metrics";

    @AttributeDefinition(name = "Refresh interval (seconds)", description = "How often the gauges of the running "
            + "chain (status, venues, strategies, risk limits, positions) are refreshed in the background, so that "
            + "JMX sees current values; 0 refreshes only when /livestack/metrics is scraped. 0..3600.")
    int refreshSeconds() default 5;

    @AttributeDefinition(name = "State query timeout (ms)", description = "How long a refresh or a health check waits "
            + "for the processing loop to answer a state query; a loop that does not answer in time is reported "
            + "DOWN. 1..60000.")
    long queryTimeoutMillis() default 2000;

    @AttributeDefinition(name = "JAAS realm", description = "The JAAS realm HTTP Basic credentials of "
            + "/livestack/metrics and /livestack/health are checked against.")
    String realm() default "karaf";

    @AttributeDefinition(name = "Roles", description = "A user needs one of these roles to read /livestack/metrics "
            + "and /livestack/health. A role is a Karaf RolePrincipal name, or CLASS:NAME for another principal "
            + "class.")
    String[] roles() default {"livestack-viewer", "livestack-operator", "admin"};
}
