package io.custody.command.withdrawal.signature;

import io.custody.api.wallet.SignerAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Verifies an Aptos signer's Ed25519 signature (RFC 8032, via BouncyCastle). An Aptos address does not contain the
 * public key: for a single-key account it is the authentication key {@code SHA3-256(publicKey || 0x00)}, so the signer
 * sends the key and both the key's address and the signature are checked. Accounts that rotated their key or use
 * multi-key authentication are not supported yet.
 */
public final class Ed25519Signatures {

    /** Aptos' scheme identifier of single-key Ed25519 authentication keys. */
    private static final byte ED25519_SCHEME = 0x00;

    private Ed25519Signatures() {
    }

    /** The Aptos address of a single-key Ed25519 account with this public key. */
    public static String aptosAddress(byte[] publicKey) {
        SHA3Digest sha3 = new SHA3Digest(256);
        sha3.update(publicKey, 0, publicKey.length);
        sha3.update(ED25519_SCHEME);
        byte[] out = new byte[32];
        sha3.doFinal(out, 0);
        return "0x" + HexFormat.of().formatHex(out);
    }

    public static Optional<String> problem(SignerAddress signer, byte[] publicKey, byte[] signature, byte[] message) {
        if (publicKey == null) {
            return Optional.of("an Aptos signer must send its Ed25519 public key");
        }
        if (publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            return Optional.of("the Ed25519 public key must be 32 bytes");
        }
        if (signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
            return Optional.of("must be 64 bytes");
        }
        if (!aptosAddress(publicKey).equals(signer.canonical())) {
            return Optional.of("the public key does not belong to " + signer.canonical());
        }
        boolean valid;
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
            verifier.update(message, 0, message.length);
            valid = verifier.verifySignature(Arrays.copyOf(signature, signature.length));
        } catch (RuntimeException e) {
            valid = false;
        }
        return valid ? Optional.empty() : Optional.of("is not a valid Ed25519 signature over this proposal and decision");
    }
}
