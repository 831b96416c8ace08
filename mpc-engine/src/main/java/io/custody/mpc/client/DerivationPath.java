package io.custody.mpc.client;

import java.util.List;

/** A non-hardened BIP32 path (each step 0..2^31-1, at most 16 steps); empty for the root key. */
public record DerivationPath(List<Integer> steps) {

    public static final DerivationPath ROOT = new DerivationPath(List.of());

    public DerivationPath {
        steps = List.copyOf(steps);
        if (steps.size() > 16) throw new IllegalArgumentException("at most 16 derivation steps");
        for (int s : steps) {
            if (s < 0) throw new IllegalArgumentException("hardened or negative step " + s + ": the nodes derive publicly");
        }
    }

    public static DerivationPath of(Integer... steps) {
        return new DerivationPath(List.of(steps));
    }
}
