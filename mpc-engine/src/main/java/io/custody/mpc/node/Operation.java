package io.custody.mpc.node;

/**
 * What a session does with a threshold key. PRESIGN is for protocols with an offline phase (threshold ECDSA); FROST's
 * signing is already two rounds and refuses it.
 */
public enum Operation {
    KEYGEN, PRESIGN, SIGN, REFRESH
}
