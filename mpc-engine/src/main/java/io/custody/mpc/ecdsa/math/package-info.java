/** Integer arithmetic helpers on top of java.math.BigInteger used by the Paillier layer and the proofs. */
package io.custody.mpc.ecdsa.math;
