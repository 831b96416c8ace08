package io.custody.mpc.frost;

import io.custody.mpc.ecdsa.round.MessageSignatures;
import io.custody.mpc.ecdsa.round.PartyKeys;
import io.custody.mpc.ecdsa.round.Receipt;
import io.custody.mpc.ecdsa.round.ReceiptBook;
import io.custody.mpc.session.PartyStateMachine;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Envelope checks and round bookkeeping shared by the FROST machines: every message must name this session, this
 * protocol, a known round, an expected sender and this party (or everyone) as recipient, be a broadcast in a
 * broadcast round and point-to-point in the others, and carry its sender's Ed25519ctx signature (context
 * {@value MessageSignatures#FROST_CONTEXT}) over envelope and payload, as ECDSA's do (docs/adr/ecdsa-008). A sender
 * that signs two different messages for one round is aborted as equivocating; an exact retransmission is ignored.
 * Every broadcast's receipt is kept, so that a round can echo what its party saw and an echo disagreement names
 * whoever signed the lie ({@link ReceiptBook}). A round is processed once every peer's message for it has arrived,
 * messages of later rounds wait in a buffer. After Done or Abort the secrets are destroyed and every further message
 * gets the same final step back.
 */
abstract class RoundBasedParty<R> implements PartyStateMachine<R> {

    protected final Ciphersuite cs;
    protected final String sessionId;
    protected final String protocol;
    protected final int self;
    protected final List<Integer> peers;
    private final Map<Integer, SortedMap<Integer, ProtocolMessage>> inbox = new HashMap<>();
    private final PartyKeys keys;
    private final ReceiptBook receipts;
    /** Every party of the run, this one included, ascending: the order of an echo's receipts. */
    protected final List<Integer> everyone;
    private int currentRound = 1;
    private boolean started;
    private Step<R> terminal;

    RoundBasedParty(Ciphersuite cs, String sessionId, String protocol, int self, List<Integer> peers, PartyKeys keys) {
        this.cs = cs;
        this.sessionId = sessionId;
        this.protocol = protocol;
        this.self = self;
        this.peers = List.copyOf(peers);
        if (this.peers.contains(self)) {
            throw new IllegalArgumentException("peers must not include the party itself");
        }
        List<Integer> all = new java.util.ArrayList<>(this.peers);
        all.add(self);
        this.everyone = all.stream().sorted().toList();
        for (int p : everyone) {
            if (!keys.peers().containsKey(p)) throw new IllegalArgumentException("no message-signing key for party " + p);
        }
        if (!Arrays.equals(keys.peers().get(self).getEncoded(), keys.own().generatePublicKey().getEncoded())) {
            throw new IllegalArgumentException("party " + self + "'s listed key is not the public half of its own");
        }
        this.keys = keys;
        this.receipts = new ReceiptBook(MessageSignatures.FROST_CONTEXT, sessionId, protocol, keys);
    }

    /** Whether {@code round}'s messages are broadcasts (echo-checkable) or point-to-point. */
    protected abstract boolean isBroadcastRound(int round);

    @Override
    public int partyIndex() {
        return self;
    }

    @Override
    public final List<ProtocolMessage> start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        return firstRound();
    }

    protected abstract List<ProtocolMessage> firstRound();

    protected abstract int lastRound();

    /** Processes one complete round; returns the next round's messages, or null after {@link #finish}. */
    protected abstract List<ProtocolMessage> process(int round, SortedMap<Integer, byte[]> payloads);

    protected abstract void destroySecrets();

    private R result;

    protected final void finish(R value) {
        this.result = value;
    }

    protected ProtocolMessage broadcast(int round, byte[] payload) {
        ProtocolMessage unsigned = new ProtocolMessage(sessionId, protocol, round, self, ProtocolMessage.BROADCAST,
                payload);
        Receipt mine = MessageSignatures.receipt(unsigned, keys.own(), MessageSignatures.FROST_CONTEXT);
        receipts.record(round, self, mine);
        return MessageSignatures.withSignature(unsigned, mine.signature());
    }

    protected ProtocolMessage direct(int round, int to, byte[] payload) {
        return MessageSignatures.sign(new ProtocolMessage(sessionId, protocol, round, self, to, payload), keys.own(),
                MessageSignatures.FROST_CONTEXT);
    }

    /** The receipt of party p's broadcast in {@code round} (this party's own included). */
    protected Receipt receipt(int round, int p) {
        return receipts.get(round, p);
    }

    /** Appends the receipts (32-byte digest, 64-byte signature) of every party's broadcast of {@code round}. */
    protected void writeEcho(Wire.Writer w, int round) {
        for (int p : everyone) {
            Receipt r = receipts.get(round, p);
            w.bytes(r.digest()).bytes(r.signature());
        }
    }

    protected List<Receipt> readEcho(Wire.Reader r) {
        List<Receipt> echo = new java.util.ArrayList<>();
        for (int i = 0; i < everyone.size(); i++) {
            echo.add(new Receipt(r.bytes(Receipt.DIGEST_BYTES), r.bytes(Receipt.SIGNATURE_BYTES)));
        }
        return echo;
    }

    /** Names whoever an echo disagreement proves guilty: the sender that signed two broadcasts, or a lying echoer. */
    protected void checkEcho(int echoer, int round, List<Receipt> echo, String check) {
        ReceiptBook.Disagreement d = receipts.compare(echoer, round, everyone, echo);
        if (d != null) {
            throw new PartyFault(d.culprit(), check, d.detail());
        }
    }

    @Override
    public final Step<R> receive(ProtocolMessage m) {
        if (terminal != null) {
            return terminal;
        }
        if (!started) {
            throw new IllegalStateException("start() first");
        }
        if (!peers.contains(m.from())) {
            return abort(m.from(), "unexpected-sender", "party " + m.from() + " is not in this session");
        }
        if (!m.sessionId().equals(sessionId)) {
            return abort(m.from(), "session-binding", "message belongs to another session");
        }
        if (!m.protocol().equals(protocol)) {
            return abort(m.from(), "protocol-binding", "message belongs to protocol " + m.protocol());
        }
        if (!m.isBroadcast() && m.to() != self) {
            return abort(m.from(), "recipient-binding", "message addressed to party " + m.to());
        }
        SortedMap<Integer, ProtocolMessage> seen = inbox.get(m.round());
        if (seen != null && m.equals(seen.get(m.from()))) {
            return new Step.Continue<>(List.of()); // a relay's retry, byte for byte: no fault of the sender
        }
        if (m.round() < 1 || m.round() > lastRound()) {
            return abort(m.from(), "round-binding", "message for round " + m.round() + " while in round " + currentRound);
        }
        if (m.isBroadcast() != isBroadcastRound(m.round())) {
            // A point-to-point message in a broadcast round would let its sender show each peer something else.
            return abort(m.from(), "message-kind", "round " + m.round() + " messages are "
                    + (isBroadcastRound(m.round()) ? "broadcasts" : "point-to-point"));
        }
        byte[] signature = MessageSignatures.signature(m);
        byte[] unsignedPayload = MessageSignatures.payload(m);
        byte[] digest = MessageSignatures.digest(unsignedPayload);
        if (!MessageSignatures.verify(keys.peers().get(m.from()), MessageSignatures.FROST_CONTEXT, sessionId, protocol,
                m.round(), m.from(), m.to(), digest, signature)) {
            return abort(m.from(), "message-signature", "message not signed by party " + m.from() + "'s key");
        }
        if (seen != null && seen.containsKey(m.from())) {
            return abort(m.from(), "equivocation", "two different messages for round " + m.round());
        }
        if (m.round() < currentRound) {
            return abort(m.from(), "round-binding", "message for round " + m.round() + " while in round " + currentRound);
        }
        if (m.isBroadcast()) {
            receipts.record(m.round(), m.from(), new Receipt(digest, signature));
        }
        SortedMap<Integer, ProtocolMessage> round = inbox.computeIfAbsent(m.round(), r -> new TreeMap<>());
        ProtocolMessage earlier = round.get(m.from());
        if (earlier != null) {
            if (earlier.equals(m)) {
                return new Step.Continue<>(List.of());
            }
            return abort(m.from(), "equivocation", "two different messages for round " + m.round());
        }
        round.put(m.from(), m);
        List<ProtocolMessage> outgoing = new java.util.ArrayList<>();
        while (inbox.getOrDefault(currentRound, new TreeMap<>()).size() == peers.size()) {
            SortedMap<Integer, byte[]> payloads = new TreeMap<>();
            inbox.get(currentRound).forEach((from, msg) -> payloads.put(from, MessageSignatures.payload(msg)));
            try {
                List<ProtocolMessage> next = process(currentRound, payloads);
                if (result != null) {
                    destroySecrets();
                    terminal = new Step.Done<>(result, outgoing);
                    return terminal;
                }
                outgoing.addAll(next);
            } catch (PartyFault f) {
                return abort(f.culprit, f.check, f.getMessage());
            } catch (EncodingException e) {
                // process() attributes decoding errors itself; this is a last resort that still names no secret.
                return abort(0, "encoding", e.getMessage());
            } catch (RuntimeException e) {
                // A fault of this party's own code or state, not of a message: naming the last sender would get an
                // honest node left out, so the run ends without a culprit.
                return abort(0, "internal-error", e.getClass().getSimpleName());
            } finally {
                payloads.values().forEach(p -> Arrays.fill(p, (byte) 0));
            }
            currentRound++;
        }
        return new Step.Continue<>(outgoing);
    }

    private Step<R> abort(int culprit, String check, String detail) {
        destroySecrets();
        terminal = new Step.Abort<>(culprit, check, detail);
        return terminal;
    }

    /** Runs {@code body} and blames {@code from} for any malformed encoding in its message. */
    protected static <T> T decodeFrom(int from, String check, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (EncodingException e) {
            throw new PartyFault(from, check, e.getMessage());
        }
    }
}
