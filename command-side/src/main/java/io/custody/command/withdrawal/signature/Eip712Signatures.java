package io.custody.command.withdrawal.signature;

import io.custody.api.wallet.SignerAddress;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * Verifies an EVM signer's secp256k1 signature over EIP-712 typed data by recovering the signing address, which is how
 * every Ethereum wallet library checks such signatures. Only low-s signatures (EIP-2) with a recovery id of 0/1 or
 * 27/28 are accepted, so that each signer has exactly one valid signature encoding per payload.
 */
public final class Eip712Signatures {

    private static final BigInteger N = Sign.CURVE_PARAMS.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);

    private Eip712Signatures() {
    }

    /** The EIP-712 digest ({@code keccak256(0x1901 || domainSeparator || hashStruct(message))}) of the typed data. */
    public static byte[] digest(String typedDataJson) {
        try {
            return new StructuredDataEncoder(typedDataJson).hashStructuredData();
        } catch (Exception e) {
            throw new IllegalArgumentException("typed data cannot be encoded", e);
        }
    }

    /** Empty when {@code signatureHex} is {@code signer}'s signature over the typed data, else the reason it is not. */
    public static Optional<String> problem(SignerAddress signer, byte[] signature, String typedDataJson) {
        if (signature.length != 65) {
            return Optional.of("must be 65 bytes (r, s, v)");
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        int v = signature[64] & 0xff;
        if (v == 0 || v == 1) {
            v += 27;
        }
        if (v != 27 && v != 28) {
            return Optional.of("has an invalid recovery id");
        }
        if (r.signum() == 0 || r.compareTo(N) >= 0 || s.signum() == 0 || s.compareTo(N) >= 0) {
            return Optional.of("has r or s outside the curve order");
        }
        if (s.compareTo(HALF_N) > 0) {
            return Optional.of("has a high s value (EIP-2); normalise it");
        }
        BigInteger publicKey;
        try {
            publicKey = Sign.signedMessageHashToKey(digest(typedDataJson),
                    new Sign.SignatureData((byte) v, Arrays.copyOfRange(signature, 0, 32),
                            Arrays.copyOfRange(signature, 32, 64)));
        } catch (Exception e) {
            return Optional.of("does not recover to any key");
        }
        String recovered = "0x" + Keys.getAddress(publicKey);
        return recovered.equalsIgnoreCase(signer.canonical())
                ? Optional.empty()
                : Optional.of("was not made by " + signer.canonical() + " over this proposal and decision");
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.substring(2));
    }
}
