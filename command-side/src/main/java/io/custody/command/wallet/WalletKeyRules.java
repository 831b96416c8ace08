package io.custody.command.wallet;

import io.custody.api.wallet.ChainFamily;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.jcajce.provider.digest.Keccak;
import org.bouncycastle.jcajce.provider.digest.SHA3;
import org.bouncycastle.math.ec.ECPoint;

/**
 * What the wallet accepts as its key when it is activated: a key id in the MPC cluster's syntax, a public key of the
 * chain family's curve, and the address derived from exactly that key. The wallet derives the address again itself
 * rather than trusting the saga's derivation, so that a wrong address (which would receive money no key controls)
 * can never become the wallet's.
 */
final class WalletKeyRules {

    private static final HexFormat HEX = HexFormat.of();

    private WalletKeyRules() {
    }

    /** The problem with the activation, if any, as the field it concerns and a sentence. */
    static Optional<String[]> violation(ChainFamily family, String keyId, String publicKey, String address) {
        if (keyId == null || !keyId.matches("[A-Za-z0-9._-]{1,64}")) {
            return Optional.of(new String[] {"keyId", "must be 1-64 characters of [A-Za-z0-9._-]"});
        }
        byte[] key;
        try {
            key = publicKey == null ? null : HEX.parseHex(publicKey);
        } catch (IllegalArgumentException e) {
            key = null;
        }
        if (key == null) {
            return Optional.of(new String[] {"publicKey", "must be hex"});
        }
        Optional<String> derived = family == ChainFamily.EVM ? evmAddress(key) : aptosAddress(key);
        if (derived.isEmpty()) {
            return Optional.of(new String[] {"publicKey", family == ChainFamily.EVM
                    ? "must be a compressed secp256k1 point (33 bytes)" : "must be an Ed25519 public key (32 bytes)"});
        }
        if (!derived.get().equals(address)) {
            return Optional.of(new String[] {"address", "is not the address of the public key"
                    + (family == ChainFamily.EVM ? " in its EIP-55 spelling" : " in lower-case hex")});
        }
        return Optional.empty();
    }

    /** EIP-55 spelling of the last 20 bytes of Keccak-256 over the uncompressed point's 64 coordinate bytes. */
    static Optional<String> evmAddress(byte[] compressed) {
        if (compressed.length != 33 || (compressed[0] != 2 && compressed[0] != 3)) {
            return Optional.empty();
        }
        ECPoint point;
        try {
            point = CustomNamedCurves.getByName("secp256k1").getCurve().decodePoint(compressed);
        } catch (IllegalArgumentException notOnCurve) {
            return Optional.empty();
        }
        byte[] uncompressed = point.normalize().getEncoded(false);
        byte[] hash = new Keccak.Digest256().digest(Arrays.copyOfRange(uncompressed, 1, 65));
        String hex40 = HEX.formatHex(Arrays.copyOfRange(hash, 12, 32));
        return Optional.of("0x" + SignerAddressChecksum.eip55(hex40));
    }

    /** Aptos single-key Ed25519 account: the authentication key SHA3-256(public key || 0x00) is the address. */
    static Optional<String> aptosAddress(byte[] publicKey) {
        if (publicKey.length != 32) {
            return Optional.empty();
        }
        byte[] input = Arrays.copyOf(publicKey, 33);
        return Optional.of("0x" + HEX.formatHex(new SHA3.Digest256().digest(input)).toLowerCase(Locale.ROOT));
    }
}
