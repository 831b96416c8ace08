package io.custody.mpc.ecdsa.sign;

import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;

/**
 * How a presigning party departs from the protocol: the seam the attack suite uses to play a malicious signer that
 * lies consistently (what it sends is also what it believes, so its own checks behave as a real cheater's would).
 * Package-private: production code always runs {@link #HONEST}; the honest signers the tests observe run unchanged.
 */
interface PresignDeviation {

    PresignDeviation HONEST = new PresignDeviation() {
    };

    default BigInteger delta(BigInteger honest) {
        return honest;
    }

    default ECPoint bigS(ECPoint honest) {
        return honest;
    }

    /** Whether to send an opening in round 4, given whether this party's checks failed. */
    default boolean opens(boolean checksFailed) {
        return checksFailed;
    }

    default PresignOpening opening(PresignOpening honest) {
        return honest;
    }
}
