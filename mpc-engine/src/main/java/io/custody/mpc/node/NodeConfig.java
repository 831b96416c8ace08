package io.custody.mpc.node;

import io.custody.mpc.storage.KeyEncryptionKey;

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
 * {@code kek.file} or {@code kek.env} (name of an environment variable holding Base64), {@code session.ttl.seconds}.
 */
public record NodeConfig(NodeId nodeId, String bindHost, int bindPort, Path dataDir, Path rosterFile, String kekFile,
                         String kekEnv, Duration sessionTtl) {

    public static NodeConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        String id = required(p, "node.id");
        return new NodeConfig(new NodeId(id), p.getProperty("bind.host", "127.0.0.1"),
                Integer.parseInt(p.getProperty("bind.port", "0")), Path.of(required(p, "data.dir")),
                Path.of(required(p, "roster.file")), p.getProperty("kek.file"), p.getProperty("kek.env"),
                Duration.ofSeconds(Long.parseLong(p.getProperty("session.ttl.seconds", "60"))));
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing configuration " + key);
        }
        return v.trim();
    }

    /** The key-encryption key this configuration names; a file wins over an environment variable. */
    public KeyEncryptionKey keyEncryptionKey(Map<String, String> environment) {
        if (kekFile != null && !kekFile.isBlank()) {
            return KeyEncryptionKey.fromFile(Path.of(kekFile));
        }
        if (kekEnv != null && !kekEnv.isBlank()) {
            return KeyEncryptionKey.fromEnvironment(kekEnv, environment);
        }
        throw new IllegalArgumentException("configure kek.file or kek.env (PKCS#11 is not supported yet)");
    }
}
