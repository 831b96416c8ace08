package io.custody.mpc.node;

import java.util.Objects;

/** Name of one MPC node in the cluster roster, e.g. {@code node-1}. */
public record NodeId(String value) {
    public NodeId {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("node id must be 1-64 characters of [A-Za-z0-9._-]");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
