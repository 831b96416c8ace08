package io.custody.mpc.node;

import io.custody.mpc.storage.KeyEncryptionKey;
import io.custody.mpc.storage.Pkcs11KeyEncryptionKey;
import io.custody.mpc.storage.ShareCipher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * A node's configuration, from a properties file: {@code node.id}, {@code bind.host} (default 127.0.0.1),
 * {@code bind.port} (0 picks a free port), {@code data.dir}, {@code roster.file}, the key-encryption key from
 * {@code kek.file}, {@code kek.env} (name of an environment variable holding Base64), or a PKCS#11 token
 * ({@code kek.pkcs11.config}: SunPKCS11 configuration file, {@code kek.pkcs11.alias}: the AES key's label,
 * {@code kek.pkcs11.pin.env}: environment variable holding the PIN), and {@code session.ttl.seconds}.
 */
public record NodeConfig(NodeId nodeId, String bindHost, int bindPort, Path dataDir, Path rosterFile, String kekFile,
                         String kekEnv, Pkcs11 pkcs11, Duration sessionTtl) {

    /** Where a PKCS#11-held key-encryption key is; null fields mean "not configured". */
    public record Pkcs11(String providerConfig, String alias, String pinEnv) {
        boolean configured() {
            return providerConfig != null && !providerConfig.isBlank();
        }
    }

    public static NodeConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        String id = required(p, "node.id");
        return new NodeConfig(new NodeId(id), p.getProperty("bind.host", "127.0.0.1"),
                Integer.parseInt(p.getProperty("bind.port", "0")), Path.of(required(p, "data.dir")),
                Path.of(required(p, "roster.file")), p.getProperty("kek.file"), p.getProperty("kek.env"),
                new Pkcs11(p.getProperty("kek.pkcs11.config"), p.getProperty("kek.pkcs11.alias", "custody-kek"),
                        p.getProperty("kek.pkcs11.pin.env", "MPC_KEK_PIN")),
                Duration.ofSeconds(Long.parseLong(p.getProperty("session.ttl.seconds", "60"))));
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing configuration " + key);
        }
        return v.trim();
    }

    /** The key-encryption key this configuration names: PKCS#11 wins over a file, a file over an environment variable. */
    public ShareCipher keyEncryptionKey(Map<String, String> environment) {
        if (pkcs11 != null && pkcs11.configured()) {
            String pin = environment.get(pkcs11.pinEnv());
            if (pin == null) {
                throw new IllegalArgumentException("environment variable " + pkcs11.pinEnv() + " (PKCS#11 PIN) is not set");
            }
            char[] chars = pin.toCharArray();
            try {
                return Pkcs11KeyEncryptionKey.open(Path.of(pkcs11.providerConfig()), chars, pkcs11.alias());
            } finally {
                Pkcs11KeyEncryptionKey.wipe(chars);
            }
        }
        if (kekFile != null && !kekFile.isBlank()) {
            return KeyEncryptionKey.fromFile(Path.of(kekFile));
        }
        if (kekEnv != null && !kekEnv.isBlank()) {
            return KeyEncryptionKey.fromEnvironment(kekEnv, environment);
        }
        throw new IllegalArgumentException("configure kek.pkcs11.config, kek.file or kek.env");
    }
}
