package io.custody.mpc.ecdsa.round;

import io.custody.mpc.session.ProtocolMessage;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The receipts (digest, sender's signature) of every broadcast a party received in a run, and the rule that settles
 * an echo disagreement (docs/adr/ecdsa-008): when an echoed receipt of party p's message differs from one's own, a
 * receipt that p's key signed shows p signed two broadcasts for one round; one that p's key did not sign was forged
 * by the echoer. Shared by the ECDSA and FROST round plumbing, which differ only in how they encode an echo and
 * report an abort.
 */
public final class ReceiptBook {

    /** Whom an echo disagreement proves guilty, and why. */
    public record Disagreement(int culprit, String detail) {
    }

    private final String context;
    private final String sessionId;
    private final String protocol;
    private final Map<Integer, Ed25519PublicKeyParameters> keys;
    private final Map<Integer, Map<Integer, Receipt>> byRound = new HashMap<>();

    public ReceiptBook(String context, String sessionId, String protocol, PartyKeys keys) {
        this.context = context;
        this.sessionId = sessionId;
        this.protocol = protocol;
        this.keys = keys.peers();
    }

    public void record(int round, int sender, Receipt receipt) {
        byRound.computeIfAbsent(round, r -> new HashMap<>()).put(sender, receipt);
    }

    /** The receipt of party p's broadcast in {@code round}, or null if none was recorded. */
    public Receipt get(int round, int p) {
        return byRound.getOrDefault(round, Map.of()).get(p);
    }

    /**
     * Compares {@code echoer}'s receipts of {@code round} (one per party of {@code parties}, in that order) with this
     * party's; null when they agree.
     */
    public Disagreement compare(int echoer, int round, List<Integer> parties, List<Receipt> echo) {
        if (echo.size() != parties.size()) {
            return new Disagreement(echoer, "echo of party " + echoer + " has " + echo.size() + " receipts, expected "
                    + parties.size());
        }
        for (int i = 0; i < parties.size(); i++) {
            int p = parties.get(i);
            Receipt mine = get(round, p);
            Receipt theirs = echo.get(i);
            if (mine != null && mine.sameDigest(theirs) && Arrays.equals(mine.signature(), theirs.signature())) continue;
            boolean signedByP = MessageSignatures.verify(keys.get(p), context, sessionId, protocol, round, p,
                    ProtocolMessage.BROADCAST, theirs.digest(), theirs.signature());
            if (signedByP && mine != null && mine.sameDigest(theirs)) {
                continue; // the same broadcast under a second valid signature of its sender: nothing was disputed
            }
            if (signedByP && mine != null) {
                return new Disagreement(p, "party " + p + " signed two different round-" + round
                        + " broadcasts (shown by party " + echoer + "'s echo)");
            }
            return new Disagreement(echoer, "party " + echoer + " echoed a round-" + round + " message from party "
                    + p + " that party " + p + " never signed");
        }
        return null;
    }
}
