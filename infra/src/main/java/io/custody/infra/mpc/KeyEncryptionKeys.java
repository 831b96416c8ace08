package io.custody.infra.mpc;

import io.custody.mpc.storage.KeyEncryptionKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * Where each embedded node's key-encryption key comes from, in order: the environment variable
 * {@code CUSTODY_MPC_KEK_<n>} (Base64 of 32 bytes), the file named by {@code custody.mpc.kek-file.<n>}, or, for the
 * one-command development default only, a random key generated once into {@code dev-keks/node-<n>.kek} (owner-only
 * permissions) with a warning: a key stored beside the data it protects guards against a copied share file, not against
 * a copied disk, so production supplies its keys from outside.
 */
final class KeyEncryptionKeys {

    private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKeys.class);

    private final Environment environment;
    private final Path devKeyDir;

    KeyEncryptionKeys(Environment environment, Path devKeyDir) {
        this.environment = environment;
        this.devKeyDir = devKeyDir;
    }

    KeyEncryptionKey forNode(int node) {
        String variable = "CUSTODY_MPC_KEK_" + node;
        String fromEnv = environment.getProperty(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return KeyEncryptionKey.fromEnvironment(variable, Map.of(variable, fromEnv));
        }
        String file = environment.getProperty("custody.mpc.kek-file." + node);
        if (file != null && !file.isBlank()) {
            return KeyEncryptionKey.fromFile(Path.of(file));
        }
        return developmentKey(node);
    }

    private KeyEncryptionKey developmentKey(int node) {
        Path file = devKeyDir.resolve("node-" + node + ".kek");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(devKeyDir);
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                byte[] encoded = Base64.getEncoder().encode(key);
                Arrays.fill(key, (byte) 0);
                Files.write(file, encoded, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Arrays.fill(encoded, (byte) 0);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the file system has no POSIX permissions; nothing more to restrict
                }
                log.warn("generated a development key-encryption key for MPC node {} in {}; set CUSTODY_MPC_KEK_{} "
                        + "(or custody.mpc.kek-file.{}) outside development", node, file, node, node);
            }
            return KeyEncryptionKey.fromFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the development key-encryption key " + file, e);
        }
    }
}
