package io.custody.mpc.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Key shares as files under the node's data directory, one file per slot:
 * {@code magic "CKS1" | 12-byte random nonce | AES-256-GCM ciphertext with 128-bit tag}, associated data from
 * {@link ShareSlot#associatedData()}. The store sees only opaque plaintext bytes, so any protocol's share fits.
 */
public final class EncryptedShareStore {

    private static final byte[] MAGIC = {'C', 'K', 'S', '1'};
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final Path root;
    private final ShareCipher kek;
    private final SecureRandom random;

    public EncryptedShareStore(Path root, ShareCipher kek, SecureRandom random) {
        this.root = root;
        this.kek = kek;
        this.random = random;
    }

    private Path file(ShareSlot slot) {
        return root.resolve(slot.wallet().value()).resolve(slot.fileName());
    }

    public boolean exists(ShareSlot slot) {
        return Files.exists(file(slot));
    }

    /** Encrypts and stores {@code plaintext}, replacing any earlier share of the slot atomically. */
    public void put(ShareSlot slot, byte[] plaintext) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] sealed = kek.seal(nonce, slot.associatedData(), plaintext);
        byte[] record = new byte[MAGIC.length + NONCE + sealed.length];
        System.arraycopy(MAGIC, 0, record, 0, MAGIC.length);
        System.arraycopy(nonce, 0, record, MAGIC.length, NONCE);
        System.arraycopy(sealed, 0, record, MAGIC.length + NONCE, sealed.length);
        Path target = file(slot);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".share-", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(record));
                ch.force(true); // the rename below must never expose a file whose bytes are not on disk yet
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ShareStoreException("cannot write key share for " + slot.wallet() + "/" + slot.key(), e);
        }
    }

    /** Decrypts the slot's share; the caller zeroises the returned bytes once it has parsed them. */
    public byte[] get(ShareSlot slot) {
        byte[] record;
        try {
            record = Files.readAllBytes(file(slot));
        } catch (NoSuchFileException e) {
            throw new ShareMissingException(slot);
        } catch (IOException e) {
            throw new ShareStoreException("cannot read key share for " + slot.wallet() + "/" + slot.key(), e);
        }
        if (record.length < MAGIC.length + NONCE + TAG_BITS / 8
                || !Arrays.equals(Arrays.copyOf(record, MAGIC.length), MAGIC)) {
            throw new ShareCorruptedException(slot, "not a share record");
        }
        byte[] nonce = Arrays.copyOfRange(record, MAGIC.length, MAGIC.length + NONCE);
        try {
            int offset = MAGIC.length + NONCE;
            return kek.open(nonce, slot.associatedData(), Arrays.copyOfRange(record, offset, record.length));
        } catch (ShareCipher.NotAuthenticException e) {
            throw new ShareCorruptedException(slot, "authentication tag does not verify");
        }
    }

    public void delete(ShareSlot slot) {
        try {
            Files.deleteIfExists(file(slot));
        } catch (IOException e) {
            throw new ShareStoreException("cannot delete key share", e);
        }
    }

    @Override
    public String toString() {
        return "EncryptedShareStore[" + root + "]";
    }
}
