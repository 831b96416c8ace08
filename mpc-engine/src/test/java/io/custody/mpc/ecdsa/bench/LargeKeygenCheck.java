package io.custody.mpc.ecdsa.bench;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.dkg.KeyShare;
import io.custody.mpc.ecdsa.fixtures.SharedKeys;

import java.math.BigInteger;
import java.util.List;

/**
 * A manual check, too slow for the test budget: key generation among n parties (default 20, threshold n / 2), then
 * reconstruction of the joint key from the first t + 1 shares. Run like the benchmarks:
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
    }
}
