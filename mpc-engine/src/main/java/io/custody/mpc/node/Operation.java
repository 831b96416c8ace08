package io.custody.mpc.node;

/**
 * What a session does with a threshold key. PRESIGN is for protocols with an offline phase (threshold ECDSA); FROST's
 * signing is already two rounds and refuses it. RESOLVE_REFRESH runs no protocol: the node answers at once about a
 * half-finished refresh of the key, or settles it on the evidence the request carries (docs/adr/frost-005).
 */
public enum Operation {
    KEYGEN, PRESIGN, SIGN, REFRESH, RESOLVE_REFRESH
}
