package io.custody.infra.support;

import io.custody.api.wallet.ActivateCustodyWallet;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.WalletId;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.jcajce.provider.digest.Keccak;
import org.bouncycastle.jcajce.provider.digest.SHA3;
import org.web3j.crypto.Keys;

/**
 * For tests about what happens after provisioning: activates an EVM or Aptos wallet the way the provisioning saga does, with a
 * public key and its address, without asking the MPC cluster (these tests run with the saga switched off, see
 * {@link RunningApplication}). The key is derived from the wallet id, so activating the same wallet twice is the
 * harmless repetition of one activation. Nothing ever signs with it.
 */
public final class TestWallets {

    private TestWallets() {
    }

    public static void activate(CommandGateway commands, WalletId walletId) {
        activate(commands, walletId, ChainFamily.EVM);
    }

    public static void activate(CommandGateway commands, WalletId walletId, ChainFamily family) {
        byte[] seed = new Keccak.Digest256().digest(walletId.toString().getBytes(StandardCharsets.US_ASCII));
        if (family == ChainFamily.APTOS) {
            byte[] publicKey = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
            byte[] authInput = java.util.Arrays.copyOf(publicKey, 33);
            String address = "0x" + HexFormat.of().formatHex(new SHA3.Digest256().digest(authInput));
            commands.sendAndWait(new ActivateCustodyWallet(walletId, 1, "test-key", HexFormat.of().formatHex(publicKey),
                    address));
            return;
        }
        BigInteger n = CustomNamedCurves.getByName("secp256k1").getN();
        BigInteger secret = new BigInteger(1, seed).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        var point = CustomNamedCurves.getByName("secp256k1").getG().multiply(secret).normalize();
        String publicKey = HexFormat.of().formatHex(point.getEncoded(true));
        byte[] uncompressed = point.getEncoded(false);
        String address = Keys.toChecksumAddress(Keys.getAddress(new BigInteger(1,
                java.util.Arrays.copyOfRange(uncompressed, 1, 65))));
        commands.sendAndWait(new ActivateCustodyWallet(walletId, 1, "test-key", publicKey, address));
    }
}
