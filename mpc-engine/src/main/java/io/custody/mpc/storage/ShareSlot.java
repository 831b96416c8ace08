package io.custody.mpc.storage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where one key share lives: wallet, key and protocol. Its byte form is the AES-GCM associated data, so a ciphertext
 * only decrypts in the slot it was written for.
 */
public record ShareSlot(WalletId wallet, KeyId key, String protocol) {

    public ShareSlot {
        Objects.requireNonNull(wallet, "wallet");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(protocol, "protocol");
        if (!protocol.matches("[a-z0-9-]+/[0-9]+")) {
            throw new IllegalArgumentException("protocol must look like name/version");
        }
    }

    byte[] associatedData() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("custody-key-share/v1".getBytes(StandardCharsets.US_ASCII));
        for (String part : new String[] {key.value(), wallet.value(), protocol}) {
            byte[] b = part.getBytes(StandardCharsets.UTF_8);
            out.write(b.length >>> 8);
            out.write(b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    String fileName() {
        return key.value() + "." + protocol.replace('/', '_') + ".share";
    }
}
