package io.livestack.venue.fix.internal;

import io.livestack.api.model.VenueId;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one FIX venue configuration takes for itself while it runs, and that no other configuration may take at the
 * same time: its venue id, its FIX store directory (QuickFIX/J's FileStore and {@code livestack-sent-orders.log}),
 * its QuickFIX/J session (SenderCompID, TargetCompID, SessionQualifier) and the counterparty's session on the wire
 * (host:port with the CompIDs: the venue accepts one logon per CompID pair).
 *
 * @param pid      the configuration's PID (a configuration never clashes with itself)
 * @param source   the configuration's file ({@code felix.fileinstall.filename}), else its PID: what the operator
 *                 reads in a refusal
 * @param venue    the venue id
 * @param storeDir the store directory, absolute and normalized
 * @param session  SenderCompID, TargetCompID and SessionQualifier, as QuickFIX/J keys the session in the JVM
 * @param wire     host:port and the CompIDs, the host as written (not resolved) in lower case
 */
record VenueClaim(String pid, String source, VenueId venue, Path storeDir, String session, String wire) {

    /** The property Felix File Install puts on a configuration read from a file. */
    static final String FILE_PROPERTY = "felix.fileinstall.filename";

    VenueClaim {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(venue, "venue");
        storeDir = storeDir.toAbsolutePath().normalize();
    }

    /** The claim of validated settings, named by the configuration's file (else its PID). */
    static VenueClaim of(FixVenueSettings settings, Map<String, ?> properties) {
        Object pidValue = properties.get("service.pid");
        String pid = String.valueOf(pidValue != null ? pidValue : properties.get("component.id"));
        String compIds = "SenderCompID " + settings.senderCompId() + ", TargetCompID " + settings.targetCompId();
        return new VenueClaim(pid, source(properties, pid), settings.venue(), settings.storeDir(),
                compIds + ", SessionQualifier " + FixSessionSettings.sessionId(settings).getSessionQualifier(),
                settings.host().toLowerCase(Locale.ROOT) + ":" + settings.port() + " with " + compIds);
    }

    /** What this claim and another take both, each named for the operator; empty when they do not clash. */
    List<String> sharedWith(VenueClaim other) {
        List<String> shared = new ArrayList<>(4);
        if (venue.equals(other.venue)) {
            shared.add("venue id " + venue);
        }
        if (storeDir.equals(other.storeDir)) {
            shared.add("FIX store directory " + storeDir);
        }
        if (session.equals(other.session)) {
            shared.add("FIX session " + session);
        }
        if (wire.equals(other.wire)) {
            shared.add("counterparty session " + wire);
        }
        return shared;
    }

    private static String source(Map<String, ?> properties, String pid) {
        Object file = properties.get(FILE_PROPERTY);
        if (file == null || file.toString().isBlank()) {
            return pid;
        }
        String text = file.toString().trim();
        if (text.startsWith("file:")) {
            try {
                return Path.of(URI.create(text)).toString();
            } catch (RuntimeException notAFileUri) {
                return text;
            }
        }
        return text;
    }
}
