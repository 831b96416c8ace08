package io.custody.mpc.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Child-process half of {@link Pkcs11KeyEncryptionKeyTest}: SoftHSM reads its configuration from the SOFTHSM2_CONF
 * environment variable, which a running JVM cannot set for itself. Prints one line per check; exits non-zero on the
 * first check that fails.
 */
public final class Pkcs11Drill {

    private Pkcs11Drill() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        String alias = args[1];
        Path dir = Path.of(args[2]);
        // First, before any login: PKCS#11 logins are per process, so a wrong PIN is only refused while logged out.
        try {
            Pkcs11KeyEncryptionKey.open(config, "000000".toCharArray(), alias);
            check(false, "wrong-pin-refused");
        } catch (RuntimeException expected) {
            check(!expected.getMessage().contains("000000"), "wrong-pin-refused");
        }
        char[] pin = System.getenv("MPC_KEK_PIN").toCharArray();
        Pkcs11KeyEncryptionKey kek = Pkcs11KeyEncryptionKey.open(config, pin, alias);
        Pkcs11KeyEncryptionKey.wipe(pin);
        SecureRandom random = new SecureRandom();
        EncryptedShareStore store = new EncryptedShareStore(dir, kek, random);
        ShareSlot slot = new ShareSlot(new WalletId("w1"), new KeyId("k1"), "frost-ed25519-sha512/1");
        byte[] secret = "share sealed by the token".getBytes(StandardCharsets.UTF_8);

        store.put(slot, secret);
        check(Arrays.equals(store.get(slot), secret), "roundtrip");

        byte[] other = new byte[32];
        random.nextBytes(other);
        try {
            new EncryptedShareStore(dir, KeyEncryptionKey.of(other), random).get(slot);
            check(false, "foreign-key-rejected");
        } catch (ShareCorruptedException expected) {
            check(true, "foreign-key-rejected");
        }

        Path file = dir.resolve("w1").resolve(slot.fileName());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 1;
        Files.write(file, bytes);
        try {
            store.get(slot);
            check(false, "tamper-detected");
        } catch (ShareCorruptedException expected) {
            check(true, "tamper-detected");
        }
        check(!kek.toString().contains(new String(secret, StandardCharsets.UTF_8)), "no-secret-in-toString");

        try {
            Pkcs11KeyEncryptionKey.open(config, System.getenv("MPC_KEK_PIN").toCharArray(), "no-such-key");
            check(false, "unknown-alias-refused");
        } catch (RuntimeException expected) {
            check(expected.getMessage().contains("no-such-key"), "unknown-alias-refused");
        }
    }

    private static void check(boolean ok, String name) {
        System.out.println("PKCS11_DRILL " + name + " " + (ok ? "ok" : "FAILED"));
        if (!ok) {
            System.exit(1);
        }
    }
}
