package io.custody.api.withdrawal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A signer's signature over a proposal's signing payload, hex encoded. EVM signers send the 65-byte {@code r||s||v}
 * signature of the EIP-712 typed data; Aptos signers send the 64-byte Ed25519 signature and their 32-byte public key,
 * because an Aptos address is a hash of the key and the key cannot be recovered from the signature.
 *
 * @param signature hex with {@code 0x} prefix
 * @param publicKey hex with {@code 0x} prefix, Aptos signers only; {@code null} for EVM signers
 */
public record SignerSignature(String signature, String publicKey) {

    private static final Pattern HEX = Pattern.compile("0x([0-9a-fA-F]{2}){1,256}");

    public SignerSignature {
        Objects.requireNonNull(signature, "signature");
        if (!HEX.matcher(signature).matches()) {
            throw new IllegalArgumentException("signature must be 0x followed by an even number of hex digits");
        }
        if (publicKey != null && !HEX.matcher(publicKey).matches()) {
            throw new IllegalArgumentException("publicKey must be 0x followed by an even number of hex digits");
        }
    }
}
