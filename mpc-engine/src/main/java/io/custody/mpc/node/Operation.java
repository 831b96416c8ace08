package io.custody.mpc.node;

/** What a session does with a threshold key. */
public enum Operation {
    KEYGEN, SIGN, REFRESH
}
