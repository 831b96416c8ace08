package io.custody.audit.note;

import java.util.Base64;
import java.util.Objects;

/**
 * The body of a C2SP {@code tlog-checkpoint}: the log's origin line, the tree size in decimal, the base64 root hash,
 * each ending in a newline. No extension lines are written; a parsed checkpoint may carry some, which are kept in the
 * signed text but not interpreted.
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        if (origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("an origin is one non-empty line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative tree size");
        }
        if (rootHash == null || rootHash.length != 32) {
            throw new IllegalArgumentException("a root hash has 32 bytes");
        }
    }

    public String body() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /** Parses a checkpoint's text (the signed part of the note). */
    public static Checkpoint parse(String text) throws NoteException {
        String[] lines = text.split("\n", -1);
        if (lines.length < 4 || !lines[lines.length - 1].isEmpty()) {
            throw new NoteException("a checkpoint has an origin, a size and a root hash line, each ending in newline");
        }
        if (lines[0].isEmpty()) {
            throw new NoteException("a checkpoint's origin is not empty");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new NoteException("a checkpoint's tree size is a decimal number without leading zeros");
        }
        long size;
        byte[] root;
        try {
            size = Long.parseLong(lines[1]);
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new NoteException("a checkpoint's root hash is base64 and its size fits 63 bits");
        }
        if (root.length != 32 || !Base64.getEncoder().encodeToString(root).equals(lines[2])) {
            throw new NoteException("a checkpoint's root hash is the canonical base64 of 32 bytes");
        }
        for (int i = 3; i < lines.length - 1; i++) {
            if (lines[i].isEmpty()) {
                throw new NoteException("a checkpoint has no empty extension line");
            }
        }
        return new Checkpoint(lines[0], size, root);
    }

    /**
     * Parses and verifies a signed checkpoint: the note must carry a valid signature of {@code key} and its origin
     * must be {@code expectedOrigin} (a checkpoint of another log proves nothing about this one).
     */
    public static Checkpoint verify(String signedNote, NoteKey key, String expectedOrigin) throws NoteException {
        Checkpoint checkpoint = parse(SignedNote.parse(signedNote).verifiedText(key));
        if (!checkpoint.origin().equals(expectedOrigin)) {
            throw new NoteException("the checkpoint is of the log " + checkpoint.origin() + ", not "
                    + expectedOrigin);
        }
        return checkpoint;
    }
}
