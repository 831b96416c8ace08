package io.custody.mpc.client;

import java.util.Objects;

/** A new key for {@code key}, of {@code scheme}, that any {@code threshold} of the cluster's nodes can use to sign. */
public record GenerateKeyRequest(KeyRef key, SignatureScheme scheme, int threshold) {
    public GenerateKeyRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scheme, "scheme");
        if (threshold < 2) throw new IllegalArgumentException("threshold must be at least 2");
    }
}
