package io.livestack.venue.fix.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import quickfix.ConfigError;
import quickfix.DataDictionary;
import quickfix.SessionID;
import quickfix.SessionSettings;

/**
 * The venue's own FIX data dictionary (its custom fields and messages), replacing the standard one of the FIX
 * version: {@code dataDictionary} for FIX 4.2 / 4.4, {@code transportDataDictionary} and {@code appDataDictionary}
 * for FIXT.1.1. Each file is read when the configuration is validated: a missing, unreadable or invalid file fails
 * naming the key and the path. Empty keys keep the standard dictionaries of the message bundles.
 */
record VenueDictionary(Path dataDictionary, Path transportDataDictionary, Path appDataDictionary) {

    static final VenueDictionary STANDARD = new VenueDictionary(null, null, null);

    static VenueDictionary parse(VenueConfigReader r, FixDialect dialect) {
        Path data = file(r, "dataDictionary");
        Path transport = file(r, "transportDataDictionary");
        Path app = file(r, "appDataDictionary");
        if (dialect == FixDialect.FIX50SP2 && data != null) {
            throw r.bad("dataDictionary", data, "FIXT.1.1 sessions take transportDataDictionary and "
                    + "appDataDictionary");
        }
        if (dialect != FixDialect.FIX50SP2 && (transport != null || app != null)) {
            String key = transport != null ? "transportDataDictionary" : "appDataDictionary";
            throw r.bad(key, transport != null ? transport : app, "only for FIXT.1.1 sessions; "
                    + dialect.beginString() + " takes dataDictionary");
        }
        return new VenueDictionary(data, transport, app);
    }

    boolean standard() {
        return dataDictionary == null && transportDataDictionary == null && appDataDictionary == null;
    }

    /** The version's standard dictionaries, then ours over them. */
    void configure(FixDialect dialect, SessionSettings settings, SessionID id) {
        dialect.configureDictionaries(settings, id);
        if (dataDictionary != null) {
            settings.setString(id, "DataDictionary", dataDictionary.toString());
        }
        if (transportDataDictionary != null) {
            settings.setString(id, "TransportDataDictionary", transportDataDictionary.toString());
        }
        if (appDataDictionary != null) {
            settings.setString(id, "AppDataDictionary", appDataDictionary.toString());
        }
    }

    String describe() {
        if (standard()) {
            return "standard";
        }
        StringBuilder s = new StringBuilder();
        if (dataDictionary != null) {
            s.append(dataDictionary);
        }
        if (transportDataDictionary != null) {
            s.append("transport ").append(transportDataDictionary);
        }
        if (appDataDictionary != null) {
            s.append(s.length() == 0 ? "" : ", ").append("app ").append(appDataDictionary);
        }
        return s.toString();
    }

    private static Path file(VenueConfigReader r, String key) {
        Path path = r.path(key, null);
        if (path == null) {
            return null;
        }
        path = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw r.bad(key, path, "no such file");
        }
        if (!Files.isReadable(path)) {
            throw r.bad(key, path, "the file cannot be read (permissions)");
        }
        try (InputStream in = Files.newInputStream(path)) {
            new DataDictionary(in);
        } catch (IOException e) {
            throw r.bad(key, path, "the file cannot be read: " + e.getMessage());
        } catch (ConfigError | RuntimeException e) {
            throw r.bad(key, path, "not a QuickFIX/J data dictionary: " + e.getMessage());
        }
        return path;
    }
}
