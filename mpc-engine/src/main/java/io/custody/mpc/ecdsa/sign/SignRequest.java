package io.custody.mpc.ecdsa.sign;

import java.util.List;
import java.util.Objects;

/**
 * What to sign: the message (hashed inside the protocol with {@code digest}) and the non-hardened BIP32 path of the
 * key below the joint key (empty for the joint key itself).
 */
public record SignRequest(byte[] message, MessageDigest digest, List<Integer> path) {
    public SignRequest {
        message = Objects.requireNonNull(message, "message").clone();
        Objects.requireNonNull(digest, "digest");
        path = List.copyOf(path);
    }

    @Override
    public byte[] message() {
        return message.clone();
    }
}
