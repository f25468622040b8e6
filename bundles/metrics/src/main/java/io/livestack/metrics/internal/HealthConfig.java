package io.livestack.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@value #PID} (etc/livestack.health.cfg): what /livestack/health considers unhealthy. */
@ObjectClassDefinition(id = HealthConfig.PID, name = "Live Stack health",
        description = "Rules of /livestack/health (200 healthy, 503 not)")
@interface HealthConfig {

    String PID = "livestack.health";

    @AttributeDefinition(name = "Queue saturation ratio", description = "The processing loop is DOWN when the intake "
            + "queue holds at least this share of its capacity (when the runtime reports its capacity). 0.01..1.")
    double queueSaturationRatio() default 0.9;

    @AttributeDefinition(name = "Queue saturation depth", description = "The processing loop is DOWN when at least "
            + "this many events wait in the intake queue, whatever its capacity; 0 disables this rule.")
    int queueSaturationDepth() default 0;

    @AttributeDefinition(name = "Optional stages", description = "Stages (names as RuntimeStatus.stages reports "
            + "them) whose absence does not make the processing loop DOWN. Every other unbound stage does.")
    String[] optionalStages() default {};

    @AttributeDefinition(name = "Ignored venues", description = "Venue ids that never make the venues component "
            + "DOWN (e.g. a venue whose configuration was removed for good).")
    String[] ignoredVenues() default {};

    @AttributeDefinition(name = "Venues required when stopped", description = "When true, every venue must be "
            + "LOGGED_ON even while the trading session is not RUNNING.")
    boolean venuesRequiredWhenStopped() default false;
}
