package io.livestack.venue.fix.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of one FIX venue: factory PID {@value FixVenueSettings#FACTORY_PID}, one file
 * {@code etc/livestack.venue.fix-NAME.cfg} per venue. The component reads the raw properties through
 * {@link FixVenueSettings#parse} (so that a bad value is reported with its key); this type describes them for the
 * metatype service (web console, config tooling) and carries the defaults. The extra fields
 * ({@code fields.SCOPE.TAG[.secret]}, see {@link ExtraFields}) are keys with variable names, not listed here.
 */
@ObjectClassDefinition(
        name = "Live Stack FIX venue",
        description = "One FIX initiator session (QuickFIX/J) to one venue; add, change or remove the file at run time")
public @interface FixVenueConfig {

    @AttributeDefinition(name = "Venue id", description = "The venue's id in the runtime (service property livestack.venue)")
    String venue();

    @AttributeDefinition(name = "Host", description = "Host name or address of the venue's FIX acceptor")
    String host() default FixVenueSettings.DEFAULT_HOST;

    @AttributeDefinition(name = "Port", description = "TCP port of the venue's FIX acceptor (1-65535)")
    int port() default FixVenueSettings.DEFAULT_PORT;

    @AttributeDefinition(name = "BeginString", description = "FIX version of the session",
            options = {
                    @Option(label = "FIX 4.2", value = "FIX.4.2"),
                    @Option(label = "FIX 4.4", value = "FIX.4.4"),
                    @Option(label = "FIXT 1.1 (FIX 5.0 SP2)", value = "FIXT.1.1") })
    String beginString() default FixVenueSettings.DEFAULT_BEGIN_STRING;

    @AttributeDefinition(name = "DefaultApplVerID", description = "Application version for FIXT.1.1 sessions (only FIX.5.0SP2 is supported)")
    String defaultApplVerID() default FixVenueSettings.DEFAULT_APPL_VER_ID;

    @AttributeDefinition(name = "SenderCompID", description = "Our CompID")
    String senderCompID();

    @AttributeDefinition(name = "TargetCompID", description = "The venue's CompID")
    String targetCompID();

    @AttributeDefinition(name = "Heartbeat interval", description = "HeartBtInt in seconds (1-300)")
    int heartbeatInterval() default FixVenueSettings.DEFAULT_HEARTBEAT_SECONDS;

    @AttributeDefinition(name = "Reconnect backoff",
            description = "Seconds between reconnect attempts after a drop or a failed connect, one per attempt, the last repeats (QuickFIX/J ReconnectInterval syntax, e.g. 1;2;5;10;30 or 3x1;5)")
    String reconnectInterval() default FixVenueSettings.DEFAULT_RECONNECT;

    @AttributeDefinition(name = "Logon timeout", description = "Seconds to wait for the venue's Logon answer (1-120)")
    int logonTimeout() default FixVenueSettings.DEFAULT_LOGON_TIMEOUT_SECONDS;

    @AttributeDefinition(name = "Username", description = "Username (553) sent in the Logon; empty sends none")
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "Password (554) sent in the Logon; never logged or displayed")
    String password() default "";

    @AttributeDefinition(name = "Message store directory",
            description = "Durable sequence numbers and sent messages (QuickFIX/J FileStore); empty = ${karaf.data}/livestack/fix/VENUE")
    String storeDir() default "";

    @AttributeDefinition(name = "Sync store writes", description = "fsync the message store on every message")
    boolean storeSync() default false;

    @AttributeDefinition(name = "Message log directory",
            description = "Raw FIX message log (password masked); empty = ${karaf.data}/livestack/fix/VENUE/log")
    String logDir() default "";

    @AttributeDefinition(name = "Log heartbeats", description = "Also write heartbeats to the message log")
    boolean logHeartbeats() default false;

    @AttributeDefinition(name = "TLS", description = "Connect with TLS (QuickFIX/J SocketUseSSL)")
    boolean tlsEnabled() default false;

    @AttributeDefinition(name = "TLS key store",
            description = "Key store file with our client certificate and its private key, for venues that require one (mutual TLS); empty sends none")
    String tlsKeyStore() default "";

    @AttributeDefinition(name = "TLS key store password", type = AttributeType.PASSWORD,
            description = "Password of the key store and of its key; never logged or displayed")
    String tlsKeyStorePassword() default "";

    @AttributeDefinition(name = "TLS key store type", description = "PKCS12 or JKS (any KeyStore type of the JVM)")
    String tlsKeyStoreType() default FixVenueSettings.DEFAULT_TLS_STORE_TYPE;

    @AttributeDefinition(name = "TLS trust store",
            description = "Trust store file with the certificates (or CAs) that the venue's certificate must chain to; empty uses the JVM's default trust store (javax.net.ssl.trustStore, else jssecacerts / cacerts)")
    String tlsTrustStore() default "";

    @AttributeDefinition(name = "TLS trust store password", type = AttributeType.PASSWORD,
            description = "Password of the trust store (may be empty); never logged or displayed")
    String tlsTrustStorePassword() default "";

    @AttributeDefinition(name = "TLS trust store type", description = "PKCS12 or JKS (any KeyStore type of the JVM)")
    String tlsTrustStoreType() default FixVenueSettings.DEFAULT_TLS_STORE_TYPE;

    @AttributeDefinition(name = "TLS protocols", description = "Enabled protocols, comma separated")
    String tlsProtocols() default FixVenueSettings.DEFAULT_TLS_PROTOCOLS;

    @AttributeDefinition(name = "TLS host name check",
            description = "The venue's certificate must name the configured host (DNS name or IP address in its subject alternative names); false trusts any host name the trusted certificate carries")
    boolean tlsVerifyHostname() default true;

    @AttributeDefinition(name = "Instruments", description = "FIX Symbols traded and subscribed at this venue, comma separated")
    String[] instruments();

    @AttributeDefinition(name = "Market data", description = "Subscribe to market data for the instruments after every logon")
    boolean marketData() default true;

    @AttributeDefinition(name = "Market depth", description = "MarketDepth of the subscription: 0 = full book, 1 = top of book, N levels")
    int marketDepth() default FixVenueSettings.DEFAULT_MARKET_DEPTH;

    @AttributeDefinition(name = "Mass status",
            description = "The venue supports OrderMassStatusRequest (FIX 4.4+): reconcile with one request instead of one OrderStatusRequest per order")
    boolean massStatus() default false;

    @AttributeDefinition(name = "Resend when reconciliation fails",
            description = "When the venue refuses or leaves unanswered the status requests of a reconciliation (both ways), ask it to resend its messages from the start of its session: orders it names are reconciled by its own stream; the others go on to the mass cancel (when configured) or RECONCILE_FAILED")
    boolean reconcileResend() default false;

    @AttributeDefinition(name = "Mass cancel when reconciliation fails",
            description = "When the venue refuses or leaves unanswered the status requests of a reconciliation (both ways), send one OrderMassCancelRequest (FIX 4.4+) and trade again once every order in doubt is canceled; else RECONCILE_FAILED")
    boolean reconcileMassCancel() default false;

    @AttributeDefinition(name = "Reconcile timeout", description = "Seconds to wait for status answers after a logon (then the other way of asking, then RECONCILE_FAILED) (1-600)")
    int reconcileTimeout() default FixVenueSettings.DEFAULT_RECONCILE_TIMEOUT_SECONDS;

    @AttributeDefinition(name = "Connect on start", description = "Connect as soon as the venue is configured (else on venue-connect / session start)")
    boolean autoConnect() default true;

    @AttributeDefinition(name = "Validate incoming", description = "Validate incoming messages against the FIX data dictionary and reject invalid ones")
    boolean validateIncoming() default true;

    @AttributeDefinition(name = "Sent message memory",
            description = "How many of our last order messages are remembered by sequence number, to resolve a Reject/BusinessMessageReject to its ClOrdID (100-1000000)")
    int sentMessageMemory() default FixVenueSettings.DEFAULT_SENT_MEMORY;

    @AttributeDefinition(name = "Direct send", description = "Send new orders, cancels and replaces on the "
            + "processing thread when that cannot wait (QuickFIX/J's sender lock is free and nothing is queued for "
            + "the venue thread), saving the venue thread's wake-up; false: always on the venue thread (and always "
            + "with storeSync: an fsync per message never runs on the processing thread)")
    boolean directSend() default true;

    @AttributeDefinition(name = "Session schedule",
            description = "nonstop (default: the session never ends, sequence numbers never reset), daily (startTime-endTime every day, or on the weekdays given) or weekly (startDay startTime - endDay endTime); a logon outside the schedule waits for it",
            options = {
                    @Option(label = "Non-stop", value = "nonstop"),
                    @Option(label = "Daily", value = "daily"),
                    @Option(label = "Weekly", value = "weekly") })
    String schedule() default "nonstop";

    @AttributeDefinition(name = "Session start time", description = "HH:mm or HH:mm:ss in timeZone (daily and weekly sessions)")
    String startTime() default "";

    @AttributeDefinition(name = "Session end time", description = "HH:mm or HH:mm:ss in timeZone; before startTime: the next day")
    String endTime() default "";

    @AttributeDefinition(name = "Session time zone", description = "Time zone id of the schedule, e.g. Europe/Paris, America/New_York or UTC")
    String timeZone() default "UTC";

    @AttributeDefinition(name = "Session weekdays", description = "Daily sessions only: the days a session starts, e.g. MON,TUE,WED,THU,FRI; empty = every day")
    String weekdays() default "";

    @AttributeDefinition(name = "Session start day", description = "Weekly sessions only: e.g. SUN")
    String startDay() default "";

    @AttributeDefinition(name = "Session end day", description = "Weekly sessions only: e.g. FRI")
    String endDay() default "";

    @AttributeDefinition(name = "Sequence reset policy",
            description = "When the sequence numbers start again at 1: never (non-stop sessions), schedule (at each scheduled session start: the default and the only choice besides logon of a daily or weekly session), logon (every logon, with ResetSeqNumFlag=Y); empty = the schedule's default")
    String resetPolicy() default "";

    @AttributeDefinition(name = "ResetSeqNumFlag on logon",
            description = "Send ResetSeqNumFlag (141)=Y on our Logon: always with resetPolicy logon; with resetPolicy schedule on the first logon of each session")
    boolean resetSeqNumFlag() default false;

    @AttributeDefinition(name = "Data dictionary", description = "The venue's QuickFIX/J data dictionary file (FIX 4.2 / 4.4); empty = the standard one")
    String dataDictionary() default "";

    @AttributeDefinition(name = "Transport data dictionary", description = "FIXT.1.1 only: the venue's transport dictionary file; empty = FIXT11.xml")
    String transportDataDictionary() default "";

    @AttributeDefinition(name = "Application data dictionary", description = "FIXT.1.1 only: the venue's application dictionary file; empty = FIX50SP2.xml")
    String appDataDictionary() default "";
}
