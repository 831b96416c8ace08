package io.custody.command.wallet;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.withdrawal.ProposalId;
import io.custody.command.withdrawal.WithdrawalLimitPolicy;
import io.custody.command.withdrawal.WithdrawalLimitPolicy.CountedWithdrawal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Amounts set aside for open proposals (seed Property 10) and the withdrawals that still count towards a limit window
 * (Property 15). Bounded by design: a reservation leaves when its proposal ends, and a settled withdrawal is
 * forgotten once it is older than the longest window, so a wallet's memory does not grow with its history. Public only
 * so that snapshots can name it; its methods are the wallet's.
 */
public final class Reservations {

    /** What the wallet keeps of one proposal's withdrawal. */
    record Reservation(ProposalId proposalId, TokenId token, Amount amount, Instant proposedAt) {
    }

    private LinkedHashMap<ProposalId, Reservation> open = new LinkedHashMap<>();
    private ArrayList<Reservation> settled = new ArrayList<>();

    Optional<Reservation> open(ProposalId proposalId) {
        return Optional.ofNullable(open.get(proposalId));
    }

    Amount reserved(TokenId token) {
        Amount sum = Amount.ZERO;
        for (Reservation r : open.values()) {
            if (r.token().equals(token)) {
                sum = sum.plus(r.amount());
            }
        }
        return sum;
    }

    /** In-flight and settled withdrawals, each at the time it was proposed. */
    List<CountedWithdrawal> counted() {
        List<CountedWithdrawal> counted = new ArrayList<>();
        for (Reservation r : open.values()) {
            counted.add(new CountedWithdrawal(r.token(), r.amount(), r.proposedAt()));
        }
        for (Reservation r : settled) {
            counted.add(new CountedWithdrawal(r.token(), r.amount(), r.proposedAt()));
        }
        return counted;
    }

    void reserve(Reservation reservation) {
        open.put(reservation.proposalId(), reservation);
        forgetSettledBefore(reservation.proposedAt());
    }

    void release(ProposalId proposalId) {
        open.remove(proposalId);
    }

    /** The withdrawal left the wallet with {@code amount} (what the chain moved), which counts towards the windows. */
    void settle(ProposalId proposalId, Amount amount, Instant at) {
        Reservation done = open.remove(proposalId);
        if (done != null) {
            settled.add(new Reservation(done.proposalId(), done.token(), amount, done.proposedAt()));
        }
        forgetSettledBefore(at);
    }

    /** Windows end at "now", which never goes back before {@code now}: older withdrawals can no longer count. */
    private void forgetSettledBefore(Instant now) {
        Instant horizon = now.minus(WithdrawalLimitPolicy.WEEK);
        settled.removeIf(r -> !r.proposedAt().isAfter(horizon));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reservations other && open.equals(other.open) && settled.equals(other.settled);
    }

    @Override
    public int hashCode() {
        return Objects.hash(open, settled);
    }
}
