package io.livestack.webconsole.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@value #PID} (etc/livestack.webconsole.cfg): who may log in to the web console, see and act. */
@ObjectClassDefinition(id = WebConsoleConfig.PID, name = "Live Stack web console",
        description = "Login to the Felix web console for Live Stack users, and the Live Stack page's rights")
@interface WebConsoleConfig {

    String PID = "livestack.webconsole";

    @AttributeDefinition(name = "JAAS realm", description = "Realm the web console's HTTP Basic credentials are "
            + "checked against.")
    String realm() default "karaf";

    @AttributeDefinition(name = "Admin roles", description = "Users with one of these roles may use the whole web "
            + "console (bundles, configuration, ...).")
    String[] adminRoles() default {"admin"};

    @AttributeDefinition(name = "Viewer roles", description = "Users with one of these roles (and no admin role) may "
            + "log in and see the Live Stack page only.")
    String[] viewerRoles() default {"livestack-viewer", "livestack-operator"};

    @AttributeDefinition(name = "Operator roles", description = "Users with one of these roles see the control "
            + "buttons of the Live Stack page and may use them.")
    String[] operatorRoles() default {"livestack-operator", "admin"};

    @AttributeDefinition(name = "Console root", description = "Path of the Felix web console (its manager.root).")
    String consoleRoot() default "/system/console";

    @AttributeDefinition(name = "Allowed origins", description = "Origins (scheme://host:port) besides the console's "
            + "own from which control requests are accepted, e.g. behind a reverse proxy. Empty: same origin only.")
    String[] allowedOrigins() default {};

    @AttributeDefinition(name = "Chart interval", description = "Milliseconds between two points of the Live Stack "
            + "page's charts (100 to 60000); the server samples at this rate whether or not a page is open.")
    long chartIntervalMillis() default 1000;

    @AttributeDefinition(name = "Chart history", description = "Minutes of chart points the server keeps (1 to "
            + "1440, at most 86400 points per series), so that a page opened late shows the curves.")
    int chartHistoryMinutes() default 60;

    @AttributeDefinition(name = "Security provider ranking", description = "service.ranking of this bundle's web "
            + "console security provider; it must outrank Karaf's own (0) to be used.")
    int ranking() default 100;
}
