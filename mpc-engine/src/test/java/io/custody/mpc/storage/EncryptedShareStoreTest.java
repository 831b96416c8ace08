package io.custody.mpc.storage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncryptedShareStoreTest {

    static final SecureRandom RANDOM = new SecureRandom();
    static final byte[] SECRET = "a key share that must never be readable at rest".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    byte[] kekBytes = new byte[32];
    EncryptedShareStore store;
    final ShareSlot slot = new ShareSlot(new WalletId("wallet-1"), new KeyId("ed25519-main"), "frost-ed25519-sha512/1");

    @BeforeEach
    void setUp() {
        RANDOM.nextBytes(kekBytes);
        store = new EncryptedShareStore(dir, KeyEncryptionKey.of(kekBytes), RANDOM);
    }

    private Path onlyFile() throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
    }

    @Test
    void stored_share_reads_back_and_is_not_on_disk_in_clear() throws Exception {
        store.put(slot, SECRET);
        assertThat(store.get(slot)).isEqualTo(SECRET);
        byte[] onDisk = Files.readAllBytes(onlyFile());
        assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).doesNotContain("key share");
    }

    @Test
    void flipped_bit_in_the_file_is_detected() throws Exception {
        store.put(slot, SECRET);
        Path f = onlyFile();
        byte[] b = Files.readAllBytes(f);
        b[b.length - 20] ^= 0x04;
        Files.write(f, b);
        assertThatThrownBy(() -> store.get(slot)).isInstanceOf(ShareCorruptedException.class);
    }

    @Test
    void truncated_file_is_detected() throws Exception {
        store.put(slot, SECRET);
        Path f = onlyFile();
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, 10));
        assertThatThrownBy(() -> store.get(slot)).isInstanceOf(ShareCorruptedException.class);
    }

    @Test
    void share_moved_to_another_wallets_slot_does_not_decrypt() throws Exception {
        store.put(slot, SECRET);
        ShareSlot other = new ShareSlot(new WalletId("wallet-2"), slot.key(), slot.protocol());
        Path target = dir.resolve("wallet-2").resolve(other.fileName());
        Files.createDirectories(target.getParent());
        Files.copy(onlyFile(), target);
        assertThatThrownBy(() -> store.get(other)).isInstanceOf(ShareCorruptedException.class);
    }

    @Test
    void share_under_another_protocol_name_does_not_decrypt() throws Exception {
        store.put(slot, SECRET);
        ShareSlot other = new ShareSlot(slot.wallet(), slot.key(), "frost-secp256k1-sha256/1");
        Files.copy(onlyFile(), dir.resolve("wallet-1").resolve(other.fileName()));
        assertThatThrownBy(() -> store.get(other)).isInstanceOf(ShareCorruptedException.class);
    }

    @Test
    void wrong_key_encryption_key_is_detected() {
        store.put(slot, SECRET);
        byte[] other = new byte[32];
        RANDOM.nextBytes(other);
        EncryptedShareStore wrong = new EncryptedShareStore(dir, KeyEncryptionKey.of(other), RANDOM);
        assertThatThrownBy(() -> wrong.get(slot)).isInstanceOf(ShareCorruptedException.class);
    }

    @Test
    void missing_share_is_reported_as_missing() {
        assertThatThrownBy(() -> store.get(slot)).isInstanceOf(ShareMissingException.class)
                .hasMessageContaining("wallet-1/ed25519-main");
    }

    @Test
    void overwrite_leaves_no_temporary_files() throws Exception {
        store.put(slot, SECRET);
        store.put(slot, "second".getBytes(StandardCharsets.UTF_8));
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
        assertThat(store.get(slot)).isEqualTo("second".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void temporary_file_left_by_a_crash_mid_write_does_not_disturb_the_stored_share() throws Exception {
        store.put(slot, SECRET);
        // What a crash between writing the temporary file and the rename leaves behind.
        Files.write(dir.resolve("wallet-1").resolve(".share-123.tmp"), new byte[] {1, 2, 3});
        assertThat(store.get(slot)).isEqualTo(SECRET);
        store.put(slot, "next".getBytes(StandardCharsets.UTF_8));
        assertThat(store.get(slot)).isEqualTo("next".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void kek_comes_from_a_base64_environment_variable_or_a_file() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(kekBytes);
        store.put(slot, SECRET);
        var fromEnv = new EncryptedShareStore(dir, KeyEncryptionKey.fromEnvironment("MPC_KEK", Map.of("MPC_KEK", b64)), RANDOM);
        assertThat(fromEnv.get(slot)).isEqualTo(SECRET);
        Path raw = dir.resolve("kek.bin");
        Files.write(raw, kekBytes);
        assertThat(new EncryptedShareStore(dir, KeyEncryptionKey.fromFile(raw), RANDOM).get(slot)).isEqualTo(SECRET);
        Path text = dir.resolve("kek.txt");
        Files.writeString(text, b64 + "\n");
        assertThat(new EncryptedShareStore(dir, KeyEncryptionKey.fromFile(text), RANDOM).get(slot)).isEqualTo(SECRET);
    }

    @Test
    void kek_of_wrong_length_or_absent_is_refused() {
        assertThatThrownBy(() -> KeyEncryptionKey.fromEnvironment("MPC_KEK", Map.of()))
                .hasMessageContaining("not set");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> KeyEncryptionKey.fromEnvironment("MPC_KEK", Map.of("MPC_KEK", shortKey)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyEncryptionKey.fromEnvironment("MPC_KEK", Map.of("MPC_KEK", "%%%")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kek_never_prints_and_is_unusable_after_destroy() {
        KeyEncryptionKey kek = KeyEncryptionKey.of(kekBytes);
        assertThat(kek.toString()).isEqualTo("KeyEncryptionKey[redacted]");
        kek.destroy();
        assertThat(kek.isDestroyed()).isTrue();
        assertThatThrownBy(kek::bytes).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unsafe_wallet_ids_are_refused_as_path_segments() {
        assertThatThrownBy(() -> new WalletId("../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyId("a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
