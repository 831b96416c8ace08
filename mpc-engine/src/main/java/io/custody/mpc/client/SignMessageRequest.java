package io.custody.mpc.client;

import java.util.Arrays;
import java.util.Objects;

/** Sign {@code message} with {@code key}, derived along {@code path}, the nodes hashing it as {@code hash} says. */
public record SignMessageRequest(KeyRef key, byte[] message, MessageHash hash, DerivationPath path) {
    public SignMessageRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(path, "path");
        message = message.clone();
        if (message.length == 0) throw new IllegalArgumentException("nothing to sign");
    }

    @Override
    public byte[] message() {
        return message.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignMessageRequest r && key.equals(r.key) && Arrays.equals(message, r.message)
                && hash == r.hash && path.equals(r.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, hash, path, Arrays.hashCode(message));
    }

    @Override
    public String toString() {
        return "SignMessageRequest[" + key + " " + hash + " path=" + path.steps() + " bytes=" + message.length + "]";
    }
}
