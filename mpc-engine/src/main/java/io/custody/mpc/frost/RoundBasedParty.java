package io.custody.mpc.frost;

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
 * protocol, a known round, an expected sender and this party (or everyone) as recipient; a sender that sends two
 * different messages for one round is aborted as equivocating. A round is processed once every peer's message for it
 * has arrived, messages of later rounds wait in a buffer. After Done or Abort the secrets are destroyed and every
 * further message gets the same final step back.
 */
abstract class RoundBasedParty<R> implements PartyStateMachine<R> {

    protected final Ciphersuite cs;
    protected final String sessionId;
    protected final String protocol;
    protected final int self;
    protected final List<Integer> peers;
    private final Map<Integer, SortedMap<Integer, ProtocolMessage>> inbox = new HashMap<>();
    private int currentRound = 1;
    private boolean started;
    private Step<R> terminal;

    RoundBasedParty(Ciphersuite cs, String sessionId, String protocol, int self, List<Integer> peers) {
        this.cs = cs;
        this.sessionId = sessionId;
        this.protocol = protocol;
        this.self = self;
        this.peers = List.copyOf(peers);
        if (this.peers.contains(self)) {
            throw new IllegalArgumentException("peers must not include the party itself");
        }
    }

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
        return new ProtocolMessage(sessionId, protocol, round, self, ProtocolMessage.BROADCAST, payload);
    }

    protected ProtocolMessage direct(int round, int to, byte[] payload) {
        return new ProtocolMessage(sessionId, protocol, round, self, to, payload);
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
        if (m.round() < currentRound || m.round() > lastRound()) {
            SortedMap<Integer, ProtocolMessage> seen = inbox.get(m.round());
            if (seen != null && m.equals(seen.get(m.from()))) {
                return new Step.Continue<>(List.of()); // harmless retransmission
            }
            if (seen != null && seen.containsKey(m.from())) {
                return abort(m.from(), "equivocation", "two different messages for round " + m.round());
            }
            return abort(m.from(), "round-binding", "message for round " + m.round() + " while in round " + currentRound);
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
            inbox.get(currentRound).forEach((from, msg) -> payloads.put(from, msg.payload()));
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
