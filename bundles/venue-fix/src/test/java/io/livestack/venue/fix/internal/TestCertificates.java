package io.livestack.venue.fix.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key material made by the JDK's {@code keytool} for one test run, under a temporary directory: nothing is checked
 * in. Every key pair is a self-signed EC P-256 certificate valid for two days.
 */
final class TestCertificates {

    private static final long KEYTOOL_TIMEOUT_SECONDS = 120;

    private final Path dir;

    TestCertificates(Path dir) {
        this.dir = dir;
    }

    /**
     * A key store ({@code type} PKCS12 or JKS) with one self-signed key pair for {@code cn}, whose subject alternative
     * names are {@code san} (keytool syntax, e.g. {@code ip:127.0.0.1,dns:localhost}).
     */
    Path keyPair(String name, String cn, String san, String type, String password) throws IOException {
        Path store = dir.resolve(name + "." + type.toLowerCase());
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg",
                "SHA256withECDSA", "-dname", "CN=" + cn + ", O=Live Stack test", "-ext", "SAN=" + san,
                "-validity", "2", "-storetype", type, "-keystore", store.toString(), "-storepass", password,
                "-keypass", password);
        return store;
    }

    /** Exports the certificate of {@code alias} from a key store as a PEM file. */
    Path exportCertificate(Path keyStore, String alias, String type, String password) throws IOException {
        Path cert = dir.resolve(alias + ".crt");
        keytool("-exportcert", "-rfc", "-alias", alias, "-storetype", type, "-keystore", keyStore.toString(),
                "-storepass", password, "-file", cert.toString());
        return cert;
    }

    /** A trust store ({@code type}) holding these certificates. */
    Path trustStore(String name, String type, String password, Path... certificates) throws IOException {
        Path store = dir.resolve(name + "." + type.toLowerCase());
        for (Path cert : certificates) {
            String alias = cert.getFileName().toString().replace(".crt", "");
            keytool("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-storetype", type,
                    "-keystore", store.toString(), "-storepass", password);
        }
        return store;
    }

    private void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        // output to a file, so that the timeout holds even if keytool stalled with its output open
        Path log = dir.resolve("keytool.log");
        Files.writeString(log, "");
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            p.getOutputStream().close();
            if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s: " + args[0]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted waiting for keytool", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed (" + p.exitValue() + "): " + Files.readString(log));
        }
    }
}
