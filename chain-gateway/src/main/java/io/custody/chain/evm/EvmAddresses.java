package io.custody.chain.evm;

import io.custody.chain.ChainAddress;
import io.custody.chain.ChainException;
import io.custody.chain.SignerPublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import org.web3j.utils.Numeric;

/** EVM addresses: the last 20 bytes of keccak256 of the uncompressed public point (x || y), EIP-55 checksummed. */
public final class EvmAddresses {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

    private EvmAddresses() {
    }

    public static ChainAddress fromPublicKey(SignerPublicKey key) {
        if (!(key instanceof SignerPublicKey.Secp256k1 k)) {
            throw new ChainException(ChainException.Code.INVALID_PUBLIC_KEY, "EVM needs a secp256k1 key");
        }
        ECPoint p = decodePoint(k.encoded());
        byte[] uncompressed = p.getEncoded(false);
        byte[] hash = Hash.sha3(Arrays.copyOfRange(uncompressed, 1, 65));
        return checksummed(Numeric.toHexString(Arrays.copyOfRange(hash, 12, 32)));
    }

    /** Decodes and validates a SEC1 point: on the curve, not infinity (BouncyCastle checks both). */
    static ECPoint decodePoint(byte[] encoded) {
        try {
            ECPoint p = CURVE.getCurve().decodePoint(encoded);
            if (p.isInfinity() || !p.isValid()) {
                throw new ChainException(ChainException.Code.INVALID_PUBLIC_KEY, "point is not a valid secp256k1 point");
            }
            return p;
        } catch (IllegalArgumentException e) {
            throw new ChainException(ChainException.Code.INVALID_PUBLIC_KEY, "not a secp256k1 point: " + e.getMessage(), e);
        }
    }

    /** Parses any-case hex; rejects a mixed-case address whose EIP-55 checksum is wrong (a likely typo). */
    public static ChainAddress parse(String text) {
        if (text == null || !WalletUtils.isValidAddress(text) || !text.startsWith("0x") || text.length() != 42) {
            throw new IllegalArgumentException("not an EVM address: " + text);
        }
        String body = text.substring(2);
        boolean mixed = !body.equals(body.toLowerCase()) && !body.equals(body.toUpperCase());
        ChainAddress canonical = checksummed(text);
        if (mixed && !canonical.value().equals(text)) {
            throw new IllegalArgumentException("EIP-55 checksum mismatch: " + text);
        }
        return canonical;
    }

    static ChainAddress checksummed(String hex) {
        return new ChainAddress(Keys.toChecksumAddress(hex));
    }

    static boolean same(ChainAddress a, String hex) {
        return hex != null && a.value().equalsIgnoreCase(hex);
    }
}
