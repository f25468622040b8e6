package io.livestack.venue.fix.internal;

import quickfix.SessionID;
import quickfix.SessionSettings;

/** The QuickFIX/J settings of one venue's initiator session, built from {@link FixVenueSettings}. */
final class FixSessionSettings {

    private FixSessionSettings() {
    }

    /**
     * The session id: BeginString, our CompID, theirs, and the venue id as SessionQualifier (local only, never on the
     * wire), so that two venues with the same CompIDs do not collide inside one JVM.
     */
    static SessionID sessionId(FixVenueSettings s) {
        return new SessionID(s.dialect().beginString(), s.senderCompId(), s.targetCompId(), s.venue().value());
    }

    static SessionSettings initiator(FixVenueSettings s) {
        SessionSettings settings = new SessionSettings();
        SessionID id = sessionId(s);
        settings.setString(id, "ConnectionType", "initiator");
        settings.setString(id, "BeginString", s.dialect().beginString());
        settings.setString(id, "SenderCompID", s.senderCompId());
        settings.setString(id, "TargetCompID", s.targetCompId());
        settings.setString(id, "SessionQualifier", s.venue().value());
        settings.setString(id, "SocketConnectHost", s.host());
        settings.setLong(id, "SocketConnectPort", s.port());
        settings.setLong(id, "HeartBtInt", s.heartbeatSeconds());
        settings.setString(id, "ReconnectInterval", s.reconnectInterval());
        settings.setLong(id, "LogonTimeout", s.logonTimeoutSeconds());
        settings.setLong(id, "LogoutTimeout", 2);

        // durable sequence numbers: reset only as the venue's rules say (schedule start, logon), never silently
        settings.setString(id, "FileStorePath", s.storeDir().toString());
        settings.setBool(id, "FileStoreSync", s.storeSync());
        settings.setBool(id, "PersistMessages", true);
        settings.setBool(id, "ResetOnLogout", false);
        settings.setBool(id, "ResetOnDisconnect", false);
        settings.setBool(id, "ResetOnError", false);
        settings.setBool(id, "RefreshOnLogon", false);

        // raw message log (passwords masked by Masking)
        settings.setString(id, "FileLogPath", s.logDir().toString());
        settings.setBool(id, "FileLogHeartbeats", s.logHeartbeats());
        settings.setBool(id, "FileIncludeMilliseconds", true);
        settings.setBool(id, "FileIncludeTimeStampForMessages", true);

        // validation: invalid messages are rejected as FIX prescribes; an exception in our callbacks becomes a
        // BusinessMessageReject (not a stuck sequence number)
        s.rules().configure(s.dialect(), settings, id); // schedule, ResetOnLogon, data dictionary
        settings.setBool(id, "ValidateIncomingMessage", s.validateIncoming());
        settings.setBool(id, "RejectInvalidMessage", true);
        settings.setBool(id, "RejectMessageOnUnhandledException", true);
        settings.setBool(id, "ValidateUserDefinedFields", false);
        settings.setBool(id, "ValidateFieldsOutOfOrder", false);
        settings.setBool(id, "CheckLatency", true);
        settings.setLong(id, "MaxLatency", 120);

        if (s.tlsEnabled()) {
            // QuickFIX/J 2.3 names (quickfix.mina.ssl.SSLSupport): the store types are KeyStoreType and
            // TrustStoreType, both JKS by default
            settings.setBool(id, "SocketUseSSL", true);
            settings.setString(id, "EnabledProtocols", s.tlsProtocols());
            if (!s.tlsKeyStore().isEmpty()) {
                settings.setString(id, "SocketKeyStore", s.tlsKeyStore());
                // always set: unset, QuickFIX/J would open the store with its own default password
                settings.setString(id, "SocketKeyStorePassword", s.tlsKeyStorePassword());
                settings.setString(id, "KeyStoreType", s.tlsKeyStoreType());
            }
            // always a trust store: without SocketTrustStore QuickFIX/J trusts every certificate
            TlsStores.Location trust = TlsStores.trustStore(s);
            settings.setString(id, "SocketTrustStore", trust.path());
            settings.setString(id, "TrustStoreType", trust.type());
            if (!trust.password().isEmpty()) {
                settings.setString(id, "SocketTrustStorePassword", trust.password());
            }
            if (s.tlsVerifyHostname()) {
                settings.setString(id, "EndpointIdentificationAlgorithm", "HTTPS");
            }
        }
        return settings;
    }
}
