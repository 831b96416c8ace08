package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.bip32.Bip32;
import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.round.AbortSignal;
import io.custody.mpc.ecdsa.round.PartyKeys;
import io.custody.mpc.ecdsa.round.RoundBasedParty;
import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.transcript.ProofContext;
import io.custody.mpc.transcript.Transcript;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One signer of the one-round online phase. The presignature is consumed at construction (so it can never sign twice,
 * even if this run aborts), the message is hashed here, and the nonce is re-randomised by a factor derived from the
 * presignature, the message digest, the derivation tweak and the derived key: R' = e R, so a presignature whose R is
 * known in advance cannot be aimed at a digest of the attacker's choosing (docs/adr/ecdsa-003).
 *
 * <p>Each share sigma_j is checked against the presignature's public points before it is summed, which names the party
 * that sent a bad share; the final signature is verified with BouncyCastle's ECDSA before it is released, low-s
 * normalised, with its recovery id.
 */
public final class SignParty extends RoundBasedParty<EcdsaSignature> {

    public static final String PROTOCOL = "ecdsa-secp256k1-sign/1";
    private static final BigInteger Q = Secp256k1.Q;
    /** Deepest path a share message may state; deeper than any request the node accepts. */
    private static final int MAX_DEPTH = 255;

    private final Presignature presignature;
    private final byte[] digest;
    private final BigInteger m;
    private final List<Integer> path;
    private final BigInteger tweak;
    private final ECPoint childKey;
    private final BigInteger epsilonInv;
    private final ECPoint bigRPrime;
    private final BigInteger r;
    private BigInteger sigma;
    private final SortedMap<Integer, BigInteger> shares = new TreeMap<>();
    private EcdsaSignature output;

    /** @throws Presignature.PresignatureReusedException when the presignature was used before */
    public SignParty(String sessionId, Presignature presignature, SignRequest request, PartyKeys keys) {
        super(sessionId, PROTOCOL, presignature.partyIndex(), presignature.signers(), keys);
        // Everything that can refuse the request (a hardened or invalid path) runs before the presignature is
        // consumed, so a refused request does not burn a nonce.
        Bip32.Derived derived = Bip32.derive(presignature.publicKey(), presignature.chainCode(), request.path());
        this.path = request.path();
        BigInteger[] secrets = presignature.consume();
        this.presignature = presignature;
        this.digest = request.digest().digest(request.message());
        this.m = new BigInteger(1, digest).mod(Q);
        this.tweak = derived.tweak();
        this.childKey = derived.publicKey();
        BigInteger epsilon = rerandomiser(presignature, digest, tweak, childKey);
        this.epsilonInv = epsilon.modInverse(Q);
        this.bigRPrime = presignature.bigR().multiply(epsilon).normalize();
        this.r = bigRPrime.getAffineXCoord().toBigInteger().mod(Q);
        if (r.signum() == 0) throw new IllegalStateException("r = 0: discard the presignature");
        // sigma_i = (k_i m + r (chi_i + tweak k_i)) / e: the shares of k' = k / e and of (x + tweak) k'
        BigInteger k = secrets[0];
        BigInteger chi = secrets[1];
        this.sigma = k.multiply(m).add(r.multiply(chi.add(tweak.multiply(k)))).multiply(epsilonInv).mod(Q);
    }

    static BigInteger rerandomiser(Presignature p, byte[] digest, BigInteger tweak, ECPoint childKey) {
        Transcript t = Transcript.start("sign/rerandomise", new ProofContext(p.id(), PresignParty.PROTOCOL, 0, 0, 0,
                        p.level()))
                .append("R", Secp256k1.encode(p.bigR())).append("X", Secp256k1.encode(p.publicKey()))
                .append("child", Secp256k1.encode(childKey)).append("tweak", tweak).append("digest", digest);
        BigInteger e;
        do {
            e = t.challengeBelow("epsilon", Q);
        } while (e.signum() == 0);
        return e;
    }

    @Override
    protected boolean isBroadcastRound(int round) {
        return true;
    }

    @Override
    protected int lastRound() {
        return 1;
    }

    @Override
    protected List<ProtocolMessage> firstRound() {
        shares.put(self, sigma);
        WireWriter out = new WireWriter("sign.r1").string(presignature.id()).bytes(digest);
        writeDerivation(out, path, tweak, childKey);
        byte[] payload = out.big(sigma).toBytes();
        sigma = null;
        return List.of(broadcast(1, payload));
    }

    @Override
    protected List<ProtocolMessage> process(int round, SortedMap<Integer, byte[]> payloads) {
        for (var e : payloads.entrySet()) {
            int j = e.getKey();
            Object[] v = parse(j, () -> {
                WireReader in = new WireReader(e.getValue(), "sign.r1");
                String id = in.string();
                byte[] theirDigest = in.bytes();
                Derivation d = readDerivation(in);
                Object[] out = {id, theirDigest, in.big(), d};
                in.end();
                return out;
            });
            AbortSignal.require(j, presignature.id().equals(v[0]), "sign.presignature-mismatch",
                    "party used another presignature");
            AbortSignal.require(j, java.util.Arrays.equals(digest, (byte[]) v[1]), "sign.message-mismatch",
                    "party signs another digest");
            // The path, tweak and child key come from the request, not from the peer's secrets: when they differ
            // the signers were given different requests, which no signer's share can be blamed for. Checked before the
            // share, whose check would otherwise fail under this party's tweak and name an honest peer.
            Derivation theirs = (Derivation) v[3];
            AbortSignal.require(AbortSignal.UNIDENTIFIED, theirs.path().equals(path) && theirs.tweak().equals(tweak)
                    && theirs.childKey().equals(childKey), "sign.derivation-mismatch", "party " + j
                    + " signs for path " + theirs.path() + ", this party for " + path);
            BigInteger sj = (BigInteger) v[2];
            AbortSignal.require(j, sj.signum() >= 0 && sj.compareTo(Q) < 0, "sign.share-range", "sigma not in Z_q");
            // sigma_j R' = m (k_j R) + r (chi_j R + tweak k_j R), with k_j R and chi_j R from the presignature
            ECPoint kj = presignature.nonceCommitment(j);
            ECPoint lhs = bigRPrime.multiply(sj);
            ECPoint rhs = kj.multiply(m).add(presignature.chiCommitment(j).add(kj.multiply(tweak)).multiply(r));
            AbortSignal.require(j, lhs.normalize().equals(rhs.normalize()), "sign.share",
                    "signature share does not match the presignature");
            shares.put(j, sj);
        }
        BigInteger s = shares.values().stream().reduce(BigInteger.ZERO, BigInteger::add).mod(Q);
        int recovery = bigRPrime.getAffineYCoord().toBigInteger().testBit(0) ? 1 : 0;
        AbortSignal.require(AbortSignal.UNIDENTIFIED, bigRPrime.getAffineXCoord().toBigInteger().compareTo(Q) < 0,
                "sign.recovery-id", "x(R) >= q: recovery id 2/3 not supported");
        if (s.compareTo(Q.shiftRight(1)) > 0) {
            s = Q.subtract(s);
            recovery ^= 1;
        }
        AbortSignal.require(AbortSignal.UNIDENTIFIED, s.signum() != 0 && verifies(r, s), "sign.final-verification",
                "combined signature does not verify");
        output = new EcdsaSignature(r, s, recovery, digest, childKey);
        return List.of();
    }

    private boolean verifies(BigInteger r, BigInteger s) {
        ECDSASigner verifier = new ECDSASigner();
        ECDomainParameters domain = new ECDomainParameters(Secp256k1.PARAMS);
        verifier.init(false, new ECPublicKeyParameters(childKey, domain));
        return verifier.verifySignature(digest, r, s);
    }

    /** The derivation a signer signs under, as it states it in its share message. */
    private record Derivation(List<Integer> path, BigInteger tweak, ECPoint childKey) {
    }

    private static void writeDerivation(WireWriter out, List<Integer> path, BigInteger tweak, ECPoint childKey) {
        out.integer(path.size());
        for (int index : path) out.integer(index);
        out.big(tweak).point(childKey);
    }

    private static Derivation readDerivation(WireReader in) {
        int depth = in.integer();
        if (depth < 0 || depth > MAX_DEPTH) throw new io.custody.mpc.ecdsa.wire.MalformedMessageException("path depth");
        List<Integer> path = new java.util.ArrayList<>();
        for (int i = 0; i < depth; i++) path.add(in.integer());
        return new Derivation(List.copyOf(path), in.big(), in.point());
    }

    @Override
    protected EcdsaSignature result() {
        return output;
    }

    @Override
    protected void discardSecrets() {
        sigma = null;
        shares.clear();
    }
}
