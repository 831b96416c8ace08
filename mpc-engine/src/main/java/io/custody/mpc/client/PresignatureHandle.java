package io.custody.mpc.client;

import java.util.List;
import java.util.Objects;

/**
 * A presignature held by the nodes {@code signers} (node ids) for {@code key}; single use, in node memory only (lost on
 * a node restart, expires after a TTL). A sign that fails with it must presign again, never reuse it.
 */
public record PresignatureHandle(KeyRef key, String id, List<String> signers) {
    public PresignatureHandle {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        signers = List.copyOf(signers);
    }
}
