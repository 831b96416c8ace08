package io.custody.mpc.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Key shares sealed by an AES key that lives in a PKCS#11 token. Uses SoftHSM (Debian package softhsm2): a fresh
 * token in a temporary directory, an AES-256 key generated in it with the JDK's keytool, then a child JVM stores,
 * reads and tampers with a share through the token. Skipped, saying why, where SoftHSM is not installed.
 */
class Pkcs11KeyEncryptionKeyTest {

    static final String PIN = "246810";

    @TempDir
    Path dir;

    static Optional<Path> softHsmLibrary() {
        return List.of("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so").stream().map(Path::of).filter(Files::exists)
                .findFirst();
    }

    private String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    @Test
    void share_sealed_inside_a_pkcs11_token_round_trips_and_tampering_is_detected() throws Exception {
        Optional<Path> library = softHsmLibrary();
        assumeTrue(library.isPresent() && Files.isExecutable(Path.of("/usr/bin/softhsm2-util")),
                "SoftHSM is not installed (apt-get install softhsm2)");
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Path softHsmConf = dir.resolve("softhsm2.conf");
        Files.writeString(softHsmConf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\nslots.removable = false\n");
        Map<String, String> env = Map.of("SOFTHSM2_CONF", softHsmConf.toString(), "MPC_KEK_PIN", PIN);
        run(env, "/usr/bin/softhsm2-util", "--init-token", "--free", "--label", "custody-test", "--pin", PIN,
                "--so-pin", "13579246");
        Path providerConfig = dir.resolve("pkcs11.cfg");
        Files.writeString(providerConfig, "name = SoftHSM\nlibrary = " + library.get() + "\nslotListIndex = 0\n");
        String javaHome = System.getProperty("java.home");
        run(env, Path.of(javaHome, "bin", "keytool").toString(), "-genseckey", "-keyalg", "AES", "-keysize", "256",
                "-alias", "custody-kek", "-keystore", "NONE", "-storetype", "PKCS11", "-providerClass",
                "sun.security.pkcs11.SunPKCS11", "-providerArg", providerConfig.toString(), "-storepass", PIN);

        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String out = run(env, Path.of(javaHome, "bin", "java").toString(), "-cp", cp, Pkcs11Drill.class.getName(),
                providerConfig.toString(), "custody-kek", dir.resolve("shares").toString());
        assertThat(out).contains("PKCS11_DRILL roundtrip ok", "PKCS11_DRILL foreign-key-rejected ok",
                "PKCS11_DRILL tamper-detected ok", "PKCS11_DRILL no-secret-in-toString ok",
                "PKCS11_DRILL unknown-alias-refused ok", "PKCS11_DRILL wrong-pin-refused ok");
        try (var files = Files.walk(dir.resolve("shares"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".share")).count()).isEqualTo(1);
        }
    }
}
