package io.custody.mpc.client;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.util.encoders.Hex;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * The client's durable memory (docs/adr/mpc-001): one small file per idempotency key under {@code <dir>/requests/}
 * (named by the SHA-256 of the key, so any key is a safe file name) and one per generated key under
 * {@code <dir>/keys/<wallet>/<key>.key}. Each file holds public data only (fingerprints, public keys, signatures,
 * presignature references), ends with a SHA-256 of its content so a torn or altered file is detected, and is written
 * to a temporary file, forced to disk and renamed over the old one, so a crash leaves the old or the new record,
 * never half of one.
 */
final class IdempotencyJournal {

    enum State { STARTED, DONE }

    /** What an idempotency key was used for: the operation, the request's fingerprint, and its result once done. */
    record Entry(String operation, byte[] fingerprint, State state, byte[] result) {
        boolean sameRequest(String op, byte[] fp) {
            return operation.equals(op) && Arrays.equals(fingerprint, fp);
        }
    }

    private static final byte[] MAGIC = "CMJ1".getBytes(StandardCharsets.US_ASCII);

    private final Path requests;
    private final Path keys;

    IdempotencyJournal(Path dir) {
        this.requests = dir.resolve("requests");
        this.keys = dir.resolve("keys");
        try {
            Files.createDirectories(requests);
            Files.createDirectories(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the MPC client journal under " + dir, e);
        }
    }

    Optional<Entry> find(IdempotencyKey key) {
        return read(requestFile(key)).map(bytes -> {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                String op = in.readUTF();
                byte[] fp = in.readNBytes(32);
                State state = State.values()[in.readUnsignedByte()];
                byte[] result = in.readNBytes(in.readInt());
                return new Entry(op, fp, state, result);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("journal record of an idempotency key is unreadable", e);
            }
        });
    }

    void record(IdempotencyKey key, Entry entry) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.writeUTF(entry.operation());
            out.write(entry.fingerprint());
            out.writeByte(entry.state().ordinal());
            out.writeInt(entry.result().length);
            out.write(entry.result());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(requestFile(key), buf.toByteArray());
    }

    void saveKey(KeyRef ref, byte[] record) {
        write(keys.resolve(ref.walletId()).resolve(ref.keyId() + ".key"), record);
    }

    Optional<byte[]> key(KeyRef ref) {
        return read(keys.resolve(ref.walletId()).resolve(ref.keyId() + ".key"));
    }

    void savePresignature(String id, byte[] reference) {
        write(requests.resolve("presignature-" + hex(id) + ".ref"), reference);
    }

    Optional<byte[]> presignature(String id) {
        return read(requests.resolve("presignature-" + hex(id) + ".ref"));
    }

    private Path requestFile(IdempotencyKey key) {
        return requests.resolve(hex(key.value()) + ".rec");
    }

    private static String hex(String s) {
        return Hex.toHexString(sha256(s.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] sha256(byte[] data) {
        SHA256Digest d = new SHA256Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    private static void write(Path target, byte[] content) {
        byte[] record = new byte[MAGIC.length + content.length + 32];
        System.arraycopy(MAGIC, 0, record, 0, MAGIC.length);
        System.arraycopy(content, 0, record, MAGIC.length, content.length);
        System.arraycopy(sha256(Arrays.copyOf(record, MAGIC.length + content.length)), 0, record,
                MAGIC.length + content.length, 32);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".journal-", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(record));
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel dirChannel = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                dirChannel.force(true); // the rename itself must survive a power cut
            } catch (IOException ignored) {
                // Not every platform can open a directory for syncing; the file itself is on disk.
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the MPC client journal", e);
        }
    }

    private static Optional<byte[]> read(Path file) {
        byte[] record;
        try {
            record = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the MPC client journal", e);
        }
        int body = record.length - MAGIC.length - 32;
        if (body < 0 || !Arrays.equals(Arrays.copyOf(record, MAGIC.length), MAGIC)
                || !Arrays.equals(sha256(Arrays.copyOf(record, MAGIC.length + body)),
                Arrays.copyOfRange(record, MAGIC.length + body, record.length))) {
            throw new IllegalStateException("journal file " + file.getFileName() + " is damaged");
        }
        return Optional.of(Arrays.copyOfRange(record, MAGIC.length, MAGIC.length + body));
    }
}
