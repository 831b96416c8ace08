package io.custody.mpc.ecdsa.round;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.wire.MalformedMessageException;
import io.custody.mpc.session.PartyStateMachine;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The plumbing every ECDSA protocol party shares: envelope checks, message signatures ({@link MessageSignatures}),
 * buffering of early messages, one message per other party per round, echo receipts, and turning a failed check into
 * a typed {@link Step.Abort} after discarding secrets.
 *
 * <p>A round is processed only when all of its messages are in, in ascending sender order, so the culprit named for a
 * failure does not depend on network timing.
 */
public abstract class RoundBasedParty<R> implements PartyStateMachine<R> {

    protected final String sessionId;
    protected final String protocol;
    protected final int self;
    protected final List<Integer> parties;

    private final PartyKeys keys;
    private final Map<Integer, Map<Integer, ProtocolMessage>> inbox = new HashMap<>();
    /** every broadcast's receipt (this party's own included), by round and sender */
    private final ReceiptBook receipts;
    /** digests of the signed messages of rounds already processed, by round and sender, to spot retransmissions */
    private final Map<Integer, Map<Integer, byte[]>> processed = new HashMap<>();
    private int round;
    private boolean finished;

    protected RoundBasedParty(String sessionId, String protocol, int self, List<Integer> parties, PartyKeys keys) {
        this.sessionId = sessionId;
        this.protocol = protocol;
        this.self = self;
        this.parties = List.copyOf(new java.util.TreeSet<>(parties));
        if (!this.parties.contains(self)) throw new IllegalArgumentException("party " + self + " not in " + parties);
        keys.requireCovers(self, this.parties);
        this.keys = keys;
        this.receipts = new ReceiptBook(MessageSignatures.CONTEXT, sessionId, protocol, keys);
    }

    @Override
    public int partyIndex() {
        return self;
    }

    /** Round-1 messages. */
    protected abstract List<ProtocolMessage> firstRound();

    /** Consumes all messages of {@code round} (keyed by sender) and returns the next round's messages. */
    protected abstract List<ProtocolMessage> process(int round, SortedMap<Integer, byte[]> payloads);

    protected abstract int lastRound();

    /** Whether {@code round}'s messages are broadcasts (echo-checked) or point-to-point. */
    protected abstract boolean isBroadcastRound(int round);

    /** The result, asked for once after the last round was processed. */
    protected abstract R result();

    /** Drops every secret this party holds for the run. */
    protected abstract void discardSecrets();

    @Override
    public final List<ProtocolMessage> start() {
        if (round != 0) throw new IllegalStateException("already started");
        round = 1;
        return firstRound();
    }

    @Override
    public final Step<R> receive(ProtocolMessage m) {
        if (finished) throw new IllegalStateException("the run is over for party " + self);
        if (round == 0) throw new IllegalStateException("start() first");
        int from = m.from();
        if (!m.sessionId().equals(sessionId)) return abort(from, "envelope.session", "message of another session");
        if (!m.protocol().equals(protocol)) return abort(from, "envelope.protocol", "message of another protocol");
        if (from == self || !parties.contains(from)) return abort(from, "envelope.sender", "sender not a peer");
        if (m.to() != ProtocolMessage.BROADCAST && m.to() != self) {
            return abort(from, "envelope.recipient", "message addressed to " + m.to());
        }
        if (m.round() < round && isRetransmission(m)) {
            // A relay that retries a delivery repeats the message byte for byte; that is no fault of the sender.
            return new Step.Continue<>(List.of());
        }
        if (m.round() < round || m.round() > lastRound()) {
            byte[] earlier = processed.getOrDefault(m.round(), Map.of()).get(from);
            if (earlier != null && verifiesAsSentBy(m)) {
                return abort(from, "envelope.equivocation", "two different messages for round " + m.round());
            }
            return abort(from, "envelope.round", "round " + m.round() + " not expected now");
        }
        if (m.isBroadcast() != isBroadcastRound(m.round())) {
            return abort(from, "envelope.kind", "round " + m.round() + " messages are "
                    + (isBroadcastRound(m.round()) ? "broadcasts" : "point-to-point"));
        }
        byte[] signature = MessageSignatures.signature(m);
        byte[] payload = MessageSignatures.payload(m);
        byte[] digest = MessageSignatures.digest(payload);
        if (!MessageSignatures.verify(keys.peers().get(from), sessionId, protocol, m.round(), from, m.to(), digest,
                signature)) {
            return abort(from, "envelope.signature", "message not signed by party " + from + "'s key");
        }
        Map<Integer, ProtocolMessage> slot = inbox.computeIfAbsent(m.round(), r -> new HashMap<>());
        ProtocolMessage earlier = slot.putIfAbsent(from, m);
        if (earlier != null && !earlier.equals(m)) {
            return abort(from, "envelope.equivocation", "two different messages for round " + m.round());
        }
        if (m.isBroadcast()) {
            receipts.record(m.round(), from, new Receipt(digest, signature));
        }
        List<ProtocolMessage> out = new ArrayList<>();
        while (inbox.getOrDefault(round, Map.of()).size() == parties.size() - 1) {
            SortedMap<Integer, byte[]> payloads = new TreeMap<>();
            Map<Integer, byte[]> seen = processed.computeIfAbsent(round, r -> new HashMap<>());
            inbox.remove(round).forEach((sender, msg) -> {
                payloads.put(sender, MessageSignatures.payload(msg));
                seen.put(sender, MessageSignatures.digest(msg.payload()));
            });
            try {
                out.addAll(process(round, payloads));
            } catch (AbortSignal a) {
                return abort(a.culprit(), a.check(), a.detail());
            } catch (RuntimeException e) {
                // A fault of this party's own code or state, not of any message: blaming the sender of the last
                // message would exclude an honest node. The run ends without a culprit.
                return abort(AbortSignal.UNIDENTIFIED, "internal-error", e.getClass().getSimpleName());
            }
            if (round == lastRound()) {
                finished = true;
                return new Step.Done<>(result(), out);
            }
            round++;
        }
        return new Step.Continue<>(out);
    }

    private boolean isRetransmission(ProtocolMessage m) {
        byte[] earlier = processed.getOrDefault(m.round(), Map.of()).get(m.from());
        return earlier != null && java.security.MessageDigest.isEqual(earlier, MessageSignatures.digest(m.payload()));
    }

    /** Whether {@code m} carries its claimed sender's valid signature (so a second message proves equivocation). */
    private boolean verifiesAsSentBy(ProtocolMessage m) {
        byte[] payload = MessageSignatures.payload(m);
        return MessageSignatures.verify(keys.peers().get(m.from()), sessionId, protocol, m.round(), m.from(), m.to(),
                MessageSignatures.digest(payload), MessageSignatures.signature(m));
    }

    private Step<R> abort(int culprit, String check, String detail) {
        finished = true;
        inbox.clear();
        discardSecrets();
        return new Step.Abort<>(culprit, check, detail);
    }

    /** Runs {@code body} for one sender's message, mapping decoding failures to an abort naming that sender. */
    protected static <T> T parse(int from, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (MalformedMessageException e) {
            throw new AbortSignal(from, "payload.malformed", e.getMessage());
        } catch (Secp256k1.InvalidPointException e) {
            throw new AbortSignal(from, "point.invalid", e.getMessage());
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new AbortSignal(from, "payload.malformed", "undecodable value");
        }
    }

    /** A signed broadcast; its receipt is kept so this party can check echoes of its own message. */
    protected ProtocolMessage broadcast(int round, byte[] payload) {
        ProtocolMessage unsigned = new ProtocolMessage(sessionId, protocol, round, self, ProtocolMessage.BROADCAST,
                payload);
        Receipt mine = MessageSignatures.receipt(unsigned, keys.own());
        receipts.record(round, self, mine);
        return MessageSignatures.withSignature(unsigned, mine.signature());
    }

    protected ProtocolMessage direct(int round, int to, byte[] payload) {
        return MessageSignatures.sign(new ProtocolMessage(sessionId, protocol, round, self, to, payload), keys.own());
    }

    /** The receipt of party p's broadcast in {@code round} (this party's own included). */
    protected Receipt receipt(int round, int p) {
        return receipts.get(round, p);
    }

    /** Writes the receipts of every party's broadcast of {@code round}, in ascending party order. */
    protected void writeEcho(io.custody.mpc.ecdsa.wire.WireWriter out, int round) {
        for (int p : parties) receipts.get(round, p).write(out);
    }

    /** Reads an echo written by {@link #writeEcho}. */
    protected List<Receipt> readEcho(io.custody.mpc.ecdsa.wire.WireReader in) {
        List<Receipt> echo = new ArrayList<>();
        for (int i = 0; i < parties.size(); i++) echo.add(Receipt.read(in));
        return echo;
    }

    /**
     * Compares {@code echoer}'s receipts of {@code round} with this party's. On a difference about party p's message
     * the echoed receipt decides: if p's key signed it, p signed two broadcasts for one round and is named; if not,
     * the echoer forged it and is named (docs/adr/ecdsa-008). Either way the blame is provable to anyone.
     */
    protected void checkEcho(int echoer, int round, List<Receipt> echo, String check) {
        ReceiptBook.Disagreement d = receipts.compare(echoer, round, parties, echo);
        if (d != null) throw new AbortSignal(d.culprit(), check, d.detail());
    }

    protected List<Integer> others() {
        return parties.stream().filter(p -> p != self).toList();
    }
}
