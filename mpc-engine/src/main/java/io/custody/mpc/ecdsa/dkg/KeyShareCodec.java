package io.custody.mpc.ecdsa.dkg;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.paillier.PaillierPublicKey;
import io.custody.mpc.ecdsa.paillier.PaillierSecretKey;
import io.custody.mpc.ecdsa.paillier.RingPedersen;
import io.custody.mpc.ecdsa.wire.MalformedMessageException;
import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * Versioned encoding of a {@link KeyShare} (type {@code "ecdsa.key-share"}, wire version 1): party, t, generation,
 * secret share, joint key, chain code, own Paillier factors, then per party (ascending) its public share, Paillier N
 * and ring-Pedersen (s, t). The bytes contain secrets: storage must encrypt them before they leave the engine.
 * Decoding re-checks that the secret matches the party's public share and the factors match its N.
 */
public final class KeyShareCodec {

    private static final String TYPE = "ecdsa.key-share";

    private KeyShareCodec() {
    }

    public static byte[] encode(KeyShare s) {
        WireWriter w = new WireWriter(TYPE).integer(s.partyIndex()).integer(s.threshold()).integer(s.generation())
                .big(s.secretShare()).point(s.publicKey()).bytes(s.chainCode())
                .big(s.paillierSecret().p()).big(s.paillierSecret().q());
        w.integer(s.parties().size());
        for (int p : s.parties()) {
            RingPedersen rp = s.ringPedersen(p);
            w.integer(p).point(s.publicShare(p)).big(s.paillierKey(p).n()).big(rp.s()).big(rp.t());
        }
        return w.toBytes();
    }

    public static KeyShare decode(byte[] bytes) {
        WireReader in = new WireReader(bytes, TYPE);
        int self = in.integer();
        int t = in.integer();
        int generation = in.integer();
        BigInteger x = in.big();
        ECPoint publicKey = in.point();
        byte[] chainCode = in.bytes();
        PaillierSecretKey paillier = new PaillierSecretKey(in.big(), in.big());
        int n = in.integer();
        if (n < 2 || n > 1024) throw new MalformedMessageException("party count");
        Map<Integer, ECPoint> shares = new TreeMap<>();
        Map<Integer, PaillierPublicKey> keys = new TreeMap<>();
        Map<Integer, RingPedersen> rps = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            int p = in.integer();
            shares.put(p, in.point());
            BigInteger modulus = in.big();
            keys.put(p, new PaillierPublicKey(modulus));
            rps.put(p, new RingPedersen(modulus, in.big(), in.big()));
        }
        in.end();
        if (!shares.containsKey(self) || !Secp256k1.mulG(x).equals(shares.get(self))) {
            throw new MalformedMessageException("secret share does not match the public share");
        }
        if (!paillier.publicKey().equals(keys.get(self))) throw new MalformedMessageException("Paillier key mismatch");
        if (chainCode.length != 32) throw new MalformedMessageException("chain code length");
        return new KeyShare(self, t, generation, x, publicKey, shares, chainCode, paillier, keys, rps);
    }
}
