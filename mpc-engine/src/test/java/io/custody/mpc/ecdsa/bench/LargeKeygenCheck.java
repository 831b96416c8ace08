package io.custody.mpc.ecdsa.bench;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.dkg.KeyShare;
import io.custody.mpc.ecdsa.fixtures.LocalNetwork;
import io.custody.mpc.ecdsa.fixtures.SharedKeys;
import io.custody.mpc.ecdsa.fixtures.TestIdentities;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.ecdsa.sign.EcdsaSignature;
import io.custody.mpc.ecdsa.sign.MessageDigest;
import io.custody.mpc.ecdsa.sign.PresignParty;
import io.custody.mpc.ecdsa.sign.Presignature;
import io.custody.mpc.ecdsa.sign.SignParty;
import io.custody.mpc.ecdsa.sign.SignRequest;

import java.math.BigInteger;
import java.util.List;

/**
 * A manual check, too slow for the test budget: key generation among n parties (default 20, threshold n / 2),
 * reconstruction of the joint key from the first t + 1 shares, then presigning and signing by the last t + 1. Run like the benchmarks:
 * {@code java -cp ... io.custody.mpc.ecdsa.bench.LargeKeygenCheck 20}. The fixture holds 20 Paillier pairs.
 */
public final class LargeKeygenCheck {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int t = n / 2;
        long start = System.nanoTime();
        List<KeyShare> shares = SharedKeys.keygen(n, t, 0, 999);
        double seconds = (System.nanoTime() - start) / 1e9;
        BigInteger q = Secp256k1.Q;
        BigInteger x = BigInteger.ZERO;
        for (int i = 1; i <= t + 1; i++) {
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            for (int j = 1; j <= t + 1; j++) {
                if (j == i) continue;
                num = num.multiply(BigInteger.valueOf(j)).mod(q);
                den = den.multiply(BigInteger.valueOf(j - i)).mod(q);
            }
            x = x.add(num.multiply(den.modInverse(q)).multiply(shares.get(i - 1).secretShare()));
        }
        boolean ok = Secp256k1.mulG(x.mod(q)).equals(shares.get(0).publicKey());
        System.out.printf("keygen %d-of-%d: %d shares, %.1f s on one thread, reconstruction %s%n", t + 1, n,
                shares.size(), seconds, ok ? "matches the joint key" : "DOES NOT MATCH");
        if (!ok) System.exit(1);
        signWithTheLastSigners(shares, t);
    }

    /** Presign and sign with the last t + 1 parties, then verify with BouncyCastle's ECDSA under the joint key. */
    private static void signWithTheLastSigners(List<KeyShare> shares, int t) {
        int n = shares.size();
        List<Integer> signers = java.util.stream.IntStream.rangeClosed(n - t, n).boxed().toList();
        long start = System.nanoTime();
        List<PresignParty> pre = new java.util.ArrayList<>();
        for (int i : signers) {
            pre.add(new PresignParty("large-presign", shares.get(i - 1), signers, TestIdentities.keys(i),
                    TestRandom.seeded(7000 + i)));
        }
        List<Presignature> presignatures = LocalNetwork.results(new LocalNetwork<>(pre).run());
        double presignSeconds = (System.nanoTime() - start) / 1e9;
        byte[] message = "large set signs".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SignRequest request = new SignRequest(message, MessageDigest.KECCAK_256, List.of());
        List<SignParty> sign = new java.util.ArrayList<>();
        for (Presignature p : presignatures) {
            sign.add(new SignParty("large-sign", p, request, TestIdentities.keys(p.partyIndex())));
        }
        EcdsaSignature sig = LocalNetwork.results(new LocalNetwork<>(sign).run()).get(0);
        org.bouncycastle.crypto.signers.ECDSASigner verifier = new org.bouncycastle.crypto.signers.ECDSASigner();
        verifier.init(false, new org.bouncycastle.crypto.params.ECPublicKeyParameters(shares.get(0).publicKey(),
                new org.bouncycastle.crypto.params.ECDomainParameters(Secp256k1.PARAMS)));
        boolean valid = verifier.verifySignature(MessageDigest.KECCAK_256.digest(message), sig.r(), sig.s());
        System.out.printf("presign with %d signers: %.1f s on one thread; signature %s%n", signers.size(),
                presignSeconds, valid ? "verifies" : "DOES NOT VERIFY");
        if (!valid) System.exit(1);
    }
}
