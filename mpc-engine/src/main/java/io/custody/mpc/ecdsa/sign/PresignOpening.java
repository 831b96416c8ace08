package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.wire.MalformedMessageException;
import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.ecdsa.zk.LogStarProof;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a signer reveals when a presigning run failed its global checks (GG20 section 4, with CGGMP21's proofs):
 * the nonce k_i and gamma_i with the Paillier nonces of K_i and G_i, and for every peer j the opening of its k gamma
 * MtA response (beta_ij and the nonces of D and F). These values belong to the failed run only, which is discarded, so
 * opening them costs nothing; the k x responses are not opened (that would reveal the key share): instead the signer
 * publishes B^_ij = beta^_ij G for each peer with a Pi^log* per verifier that B^_ij matches F^_ij.
 *
 * @param masks   peer j to the opening of the k gamma response sent to j
 * @param hatMask peer j to beta^_ij G
 * @param proofs  verifier v to (peer j to the proof for hatMask(j), made under v's ring-Pedersen parameters)
 */
record PresignOpening(BigInteger k, BigInteger rho, BigInteger gamma, BigInteger nu,
                      SortedMap<Integer, MaskOpening> masks, SortedMap<Integer, ECPoint> hatMask,
                      SortedMap<Integer, SortedMap<Integer, LogStarProof>> proofs) {

    /** beta_ij with the nonce s of D_ji (under N_j) and r of F_ij (under N_i). */
    record MaskOpening(BigInteger beta, BigInteger s, BigInteger r) {
    }

    /** Encodes with peers and verifiers implicit: ascending indices of the sender's peers. */
    void write(WireWriter out) {
        out.big(k).big(rho).big(gamma).big(nu);
        for (var e : masks.entrySet()) {
            MaskOpening m = e.getValue();
            out.big(m.beta()).big(m.s()).big(m.r()).point(hatMask.get(e.getKey()));
        }
        for (SortedMap<Integer, LogStarProof> perPeer : proofs.values()) {
            for (LogStarProof p : perPeer.values()) p.write(out);
        }
    }

    static PresignOpening read(WireReader in, List<Integer> peers) {
        BigInteger k = in.big();
        BigInteger rho = in.big();
        BigInteger gamma = in.big();
        BigInteger nu = in.big();
        SortedMap<Integer, MaskOpening> masks = new TreeMap<>();
        SortedMap<Integer, ECPoint> hat = new TreeMap<>();
        for (int j : peers) {
            masks.put(j, new MaskOpening(in.big(), in.big(), in.big()));
            hat.put(j, in.point());
        }
        SortedMap<Integer, SortedMap<Integer, LogStarProof>> proofs = new TreeMap<>();
        for (int v : peers) {
            SortedMap<Integer, LogStarProof> perPeer = new TreeMap<>();
            for (int j : peers) perPeer.put(j, LogStarProof.read(in));
            proofs.put(v, perPeer);
        }
        if (masks.isEmpty()) throw new MalformedMessageException("an opening names at least one peer");
        return new PresignOpening(k, rho, gamma, nu, masks, hat, proofs);
    }

    @Override
    public String toString() {
        return "PresignOpening[peers=" + masks.keySet() + "]";
    }
}
