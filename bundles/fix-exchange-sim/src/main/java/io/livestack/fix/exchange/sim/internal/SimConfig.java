package io.livestack.fix.exchange.sim.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the FIX exchange simulator, {@code etc/livestack.fixsim.cfg}. The component reads the raw
 * properties through {@link SimSettings#parse} (errors name the key and the value); this type documents them and
 * carries the defaults.
 */
@ObjectClassDefinition(name = "Live Stack FIX exchange simulator",
        description = "A FIX acceptor exchange with price-time matching and a random-walk market maker (demo and tests only)")
public @interface SimConfig {

    @AttributeDefinition(name = "Bind address", description = "Address to listen on (loopback by default)")
    String bindAddress() default SimSettings.DEFAULT_BIND;

    @AttributeDefinition(name = "Port", description = "TCP port (0 = any free port)")
    int port() default SimSettings.DEFAULT_PORT;

    @AttributeDefinition(name = "CompID", description = "The simulator's CompID; * answers to whatever TargetCompID a client uses")
    String compId() default SimSettings.DEFAULT_COMP_ID;

    @AttributeDefinition(name = "Clients", description = "Client CompIDs accepted, comma separated; * accepts any")
    String clients() default "*";

    @AttributeDefinition(name = "FIX versions", description = "BeginStrings accepted: FIX.4.2, FIX.4.4, FIXT.1.1 (FIX 5.0 SP2)")
    String beginStrings() default SimSettings.DEFAULT_BEGIN_STRINGS;

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "When set, a Logon must carry this Password (554); never logged")
    String password() default "";

    @AttributeDefinition(name = "Symbols", description = "SYMBOL:initialPrice[:tick], comma separated, e.g. BTC-USD:30000:0.5")
    String symbols() default SimSettings.DEFAULT_SYMBOLS;

    @AttributeDefinition(name = "Tick", description = "Default tick size of a symbol without its own")
    String tick() default SimSettings.DEFAULT_TICK;

    @AttributeDefinition(name = "Spread", description = "Ticks between the market maker's best bid and best ask (1-1000)")
    int spreadTicks() default SimSettings.DEFAULT_SPREAD_TICKS;

    @AttributeDefinition(name = "Depth", description = "Market maker levels per side, and the default market data depth (1-100)")
    int depth() default SimSettings.DEFAULT_DEPTH;

    @AttributeDefinition(name = "Maker quantity", description = "Quantity of the market maker's best level (further levels have multiples)")
    String makerQuantity() default SimSettings.DEFAULT_MAKER_QUANTITY;

    @AttributeDefinition(name = "Walk interval", description = "Milliseconds between random walk steps; 0 = only on request")
    int walkIntervalMs() default SimSettings.DEFAULT_WALK_INTERVAL_MS;

    @AttributeDefinition(name = "Walk step", description = "Largest move of one step, in ticks (0-1000)")
    int walkMaxStepTicks() default SimSettings.DEFAULT_WALK_STEP;

    @AttributeDefinition(name = "Seed", description = "Seed of the random walk: the same seed gives the same walk")
    long seed() default SimSettings.DEFAULT_SEED;

    @AttributeDefinition(name = "Store directory", description = "FIX message stores (sequence numbers, resends); empty = ${karaf.data}/livestack/fixsim")
    String storeDir() default "";

    @AttributeDefinition(name = "Log directory", description = "FIX message logs; empty = STORE/log")
    String logDir() default "";

    @AttributeDefinition(name = "Validate incoming", description = "Validate incoming messages against the data dictionary")
    boolean validateIncoming() default true;

    @AttributeDefinition(name = "TLS", description = "Accept TLS connections only (QuickFIX/J SocketUseSSL); needs a key store")
    boolean tlsEnabled() default false;

    @AttributeDefinition(name = "TLS key store", description = "Key store file with the simulator's private key and certificate (required with TLS)")
    String tlsKeyStore() default "";

    @AttributeDefinition(name = "TLS key store password", type = AttributeType.PASSWORD,
            description = "Password of the key store and of its key; never logged or displayed")
    String tlsKeyStorePassword() default "";

    @AttributeDefinition(name = "TLS key store type", description = "PKCS12 or JKS (any KeyStore type of the JVM)")
    String tlsKeyStoreType() default SimTls.DEFAULT_STORE_TYPE;

    @AttributeDefinition(name = "TLS protocols", description = "Enabled protocols, comma separated")
    String tlsProtocols() default SimTls.DEFAULT_PROTOCOLS;

    @AttributeDefinition(name = "TLS client certificates", description = "Require a client certificate trusted by the trust store (mutual TLS)")
    boolean tlsNeedClientAuth() default false;

    @AttributeDefinition(name = "TLS trust store", description = "Trust store of the client certificates (required with tlsNeedClientAuth)")
    String tlsTrustStore() default "";

    @AttributeDefinition(name = "TLS trust store password", type = AttributeType.PASSWORD, description = "Never logged or displayed")
    String tlsTrustStorePassword() default "";

    @AttributeDefinition(name = "TLS trust store type", description = "PKCS12 or JKS (any KeyStore type of the JVM)")
    String tlsTrustStoreType() default SimTls.DEFAULT_STORE_TYPE;
}
