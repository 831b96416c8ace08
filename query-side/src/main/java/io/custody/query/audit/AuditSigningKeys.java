package io.custody.query.audit;

import io.custody.audit.note.NoteSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * Where the log's Ed25519 checkpoint key comes from, in order: {@code custody.audit.signing-key} (environment
 * {@code CUSTODY_AUDIT_SIGNING_KEY}, Base64 of the 32-byte private key seed), the file named by
 * {@code custody.audit.signing-key-file} (same content), or, for the one-command development default only, a key
 * generated once into {@code <data dir>/audit/dev-signing.key} (owner-only) with a warning. A key kept beside the log
 * it signs proves nothing against whoever holds the disk, so production supplies it from outside.
 */
final class AuditSigningKeys {

    private static final Logger log = LoggerFactory.getLogger(AuditSigningKeys.class);

    private AuditSigningKeys() {
    }

    static NoteSigner signer(Environment environment, String origin) {
        String configured = environment.getProperty("custody.audit.signing-key");
        if (configured != null && !configured.isBlank()) {
            return fromBase64(origin, configured.getBytes(StandardCharsets.US_ASCII), "custody.audit.signing-key");
        }
        String file = environment.getProperty("custody.audit.signing-key-file");
        if (file != null && !file.isBlank()) {
            return fromFile(origin, Path.of(file));
        }
        Path devKey = devKeyDir(environment).resolve("dev-signing.key");
        return developmentKey(origin, devKey);
    }

    static Path devKeyDir(Environment environment) {
        String explicit = environment.getProperty("custody.audit.dev-key-dir");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        // beside the embedded database's directory, so a test's temporary data directory holds its key too
        Path postgres = Path.of(environment.getProperty("custody.embedded-postgres.data-dir", "./data/postgres"))
                .toAbsolutePath().normalize();
        return (postgres.getParent() == null ? postgres : postgres.getParent()).resolve("audit");
    }

    private static NoteSigner developmentKey(String origin, Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] seed = new byte[32];
                new SecureRandom().nextBytes(seed);
                byte[] encoded = Base64.getEncoder().encode(seed);
                Arrays.fill(seed, (byte) 0);
                Files.write(file, encoded, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Arrays.fill(encoded, (byte) 0);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // no POSIX permissions on this file system; nothing more to restrict
                }
                log.warn("generated a development signing key for the audit log's checkpoints in {}; set "
                        + "CUSTODY_AUDIT_SIGNING_KEY (or custody.audit.signing-key-file) outside development", file);
            }
            return fromFile(origin, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit log's development signing key " + file, e);
        }
    }

    private static NoteSigner fromFile(String origin, Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            try {
                return fromBase64(origin, content, file.toString());
            } finally {
                Arrays.fill(content, (byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log's signing key " + file, e);
        }
    }

    private static NoteSigner fromBase64(String origin, byte[] base64, String source) {
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(new String(base64, StandardCharsets.US_ASCII).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the audit signing key from " + source + " is not Base64");
        }
        try {
            if (seed.length != 32) {
                throw new IllegalStateException("the audit signing key from " + source + " is not 32 bytes");
            }
            return new NoteSigner(origin, seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }
}
