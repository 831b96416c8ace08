package io.custody.mpc.frost;

/** Thrown inside a round's processing when one party's message fails a check; becomes a {@code Step.Abort}. */
final class PartyFault extends RuntimeException {

    final int culprit;
    final String check;

    PartyFault(int culprit, String check, String detail) {
        super(detail, null, false, false);
        this.culprit = culprit;
        this.check = check;
    }
}
