package io.custody.chain.aptos;

import io.custody.chain.SignerPublicKey;
import java.util.List;

/** k-of-n Ed25519 keys as Aptos encodes them: the n 32-byte keys concatenated, then the threshold byte. */
public record MultiEd25519PublicKey(List<SignerPublicKey.Ed25519> keys, int threshold) {

    /** Aptos caps MultiEd25519 at 32 keys: the signature bitmap is 32 bits. */
    static final int MAX_KEYS = 32;

    public MultiEd25519PublicKey {
        keys = List.copyOf(keys);
        if (keys.size() < 2 || keys.size() > MAX_KEYS) {
            throw new IllegalArgumentException("need between 2 and 32 keys, got " + keys.size());
        }
        if (threshold < 1 || threshold > keys.size()) {
            throw new IllegalArgumentException("threshold must be between 1 and " + keys.size());
        }
    }

    public byte[] bytes() {
        Bcs b = new Bcs();
        keys.forEach(k -> b.fixed(k.encoded()));
        return b.u8(threshold).toByteArray();
    }
}
