package io.custody.audit.note;

import io.custody.audit.merkle.MerkleHashes;
import io.custody.audit.merkle.MerkleProofs;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * An offline inclusion proof in the C2SP {@code tlog-proof@v1} layout: header line, {@code extra} with the leaf data
 * (here the record's canonical encoding), {@code index}, the audit path one base64 hash per line, a blank line and
 * the signed checkpoint verbatim. The extra data is not trusted as such: {@link #verify} accepts it only because its
 * leaf hash is proven included in a checkpoint signed by the log's key.
 */
public record ProofBundle(byte[] leafData, long index, List<byte[]> path, String signedCheckpoint) {

    public static final String HEADER = "c2sp.org/tlog-proof@v1";

    public ProofBundle {
        Objects.requireNonNull(signedCheckpoint, "signedCheckpoint");
        path = List.copyOf(path);
    }

    public String format() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        if (leafData != null) {
            out.append("extra ").append(Base64.getEncoder().encodeToString(leafData)).append('\n');
        }
        out.append("index ").append(index).append('\n');
        for (byte[] hash : path) {
            out.append(Base64.getEncoder().encodeToString(hash)).append('\n');
        }
        return out.append('\n').append(signedCheckpoint).toString();
    }

    public static ProofBundle parse(String text) throws NoteException {
        if (text == null) {
            throw new NoteException("no proof");
        }
        int blank = text.indexOf("\n\n");
        if (blank < 0) {
            throw new NoteException("a proof has a blank line before its checkpoint");
        }
        String[] lines = text.substring(0, blank).split("\n", -1);
        int i = 0;
        if (!HEADER.equals(lines[i++])) {
            throw new NoteException("a proof starts with the line " + HEADER);
        }
        byte[] extra = null;
        try {
            if (i < lines.length && lines[i].startsWith("extra ")) {
                extra = Base64.getDecoder().decode(lines[i++].substring("extra ".length()));
            }
            if (i >= lines.length || !lines[i].matches("index (0|[1-9][0-9]{0,18})")) {
                throw new NoteException("a proof names the entry's index as a decimal without leading zeros");
            }
            long index = Long.parseLong(lines[i++].substring("index ".length()));
            List<byte[]> path = new ArrayList<>();
            for (; i < lines.length; i++) {
                byte[] hash = Base64.getDecoder().decode(lines[i]);
                if (hash.length != MerkleHashes.SIZE) {
                    throw new NoteException("a proof hash has 32 bytes");
                }
                path.add(hash);
            }
            return new ProofBundle(extra, index, path, text.substring(blank + 2));
        } catch (IllegalArgumentException e) {
            throw new NoteException("a proof line is not valid base64 or its index does not fit 63 bits");
        }
    }

    /**
     * Verifies the bundle offline: the checkpoint is signed by {@code key} for {@code origin}, and the leaf data sits at
     * the index in the checkpointed tree. Returns the verified checkpoint.
     */
    public Checkpoint verify(NoteKey key, String origin) throws NoteException {
        if (leafData == null) {
            throw new NoteException("the proof carries no leaf data to verify");
        }
        Checkpoint checkpoint = Checkpoint.verify(signedCheckpoint, key, origin);
        if (!MerkleProofs.verifyInclusion(index, checkpoint.size(), MerkleHashes.leaf(leafData), path,
                checkpoint.rootHash())) {
            throw new NoteException("the record is not included at index " + index + " in the tree of size "
                    + checkpoint.size() + " the checkpoint signs");
        }
        return checkpoint;
    }
}
