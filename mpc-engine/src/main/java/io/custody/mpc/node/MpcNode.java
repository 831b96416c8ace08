package io.custody.mpc.node;

import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;
import io.custody.mpc.storage.EncryptedShareStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transport-independent core of an MPC node: opens sessions through the protocol registry, opens incoming
 * envelopes (signature, recipient, session, sender-to-party binding), feeds the party's state machine and seals what
 * it emits. Sessions live in memory with a deadline; an expired or aborted session is dropped with its secrets, and
 * since shares are written only when a run completes, a node restarted mid-session loses the run, never its share.
 */
public final class MpcNode {

    /** A request the node refuses; {@code code} is the stable error code of the HTTP error body. */
    public static final class Refused extends RuntimeException {
        public final String code;
        public final int httpStatus;

        public Refused(int httpStatus, String code, String message) {
            super(message);
            this.code = code;
            this.httpStatus = httpStatus;
        }
    }

    private static final class Running {
        final SessionRequest request;
        final int party;
        final NodeSession<?> session;
        final Instant deadline;
        boolean finished;

        Running(SessionRequest request, int party, NodeSession<?> session, Instant deadline) {
            this.request = request;
            this.party = party;
            this.session = session;
            this.deadline = deadline;
        }
    }

    private final NodeIdentity identity;
    private final ClusterRoster roster;
    private final ProtocolRegistry registry;
    private final EncryptedShareStore store;
    private final EnvelopeCrypto crypto;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration sessionTtl;
    private final Map<String, Running> sessions = new ConcurrentHashMap<>();
    private final NodeContext context;

    public MpcNode(NodeIdentity identity, ClusterRoster roster, ProtocolRegistry registry, EncryptedShareStore store,
                   SecureRandom random, Clock clock, Duration sessionTtl) {
        this.identity = identity;
        this.roster = roster;
        this.registry = registry;
        this.store = store;
        this.random = random;
        this.clock = clock;
        this.sessionTtl = sessionTtl;
        this.crypto = new EnvelopeCrypto(identity, roster, random);
        this.context = new NodeContext(store, identity, roster);
        registry.attach(context);
    }

    public NodeId id() {
        return identity.id();
    }

    public ClusterRoster roster() {
        return roster;
    }

    public RoundOutput start(SessionRequest request) {
        expire();
        ProtocolFactory factory = registry.find(request.protocol())
                .orElseThrow(() -> new Refused(400, "UNKNOWN_PROTOCOL", "protocol " + request.protocol() + " is not registered"));
        int party = request.partyOf(identity.id())
                .orElseThrow(() -> new Refused(400, "NOT_A_PARTY", "node " + identity.id() + " is not a party of this session"));
        if (!request.active().contains(party)) {
            throw new Refused(400, "NOT_A_PARTY", "node " + identity.id() + " is not active in this session");
        }
        for (NodeId n : request.parties().values()) {
            if (roster.node(n).isEmpty()) {
                throw new Refused(400, "UNKNOWN_NODE", "party node " + n + " is not in this node's roster");
            }
        }
        boolean subsetAllowed = request.operation() == Operation.SIGN || request.operation() == Operation.PRESIGN;
        if (!subsetAllowed && request.active().size() != request.parties().size()) {
            throw new Refused(400, "ALL_PARTIES_REQUIRED", request.operation() + " needs every party");
        }
        if (request.operation() == Operation.RESOLVE_REFRESH) {
            return resolveRefresh(request);
        }
        if (sessions.containsKey(request.sessionId())) {
            // Checked before the factory runs, so a duplicate start never loads the share at all.
            throw new Refused(409, "SESSION_EXISTS", "session " + request.sessionId() + " already exists");
        }
        NodeSession<?> session;
        try {
            session = factory.open(request, party, context, random);
        } catch (SessionRefusedException e) {
            throw new Refused(e.httpStatus(), e.code(), e.getMessage());
        } catch (io.custody.mpc.storage.ShareMissingException e) {
            throw new Refused(404, "SHARE_MISSING", e.getMessage());
        } catch (io.custody.mpc.storage.ShareCorruptedException e) {
            throw new Refused(500, "SHARE_CORRUPTED", e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new Refused(400, "INVALID_SESSION", e.getMessage());
        }
        Running running = new Running(request, party, session, clock.instant().plus(sessionTtl));
        if (sessions.putIfAbsent(request.sessionId(), running) != null) {
            throw new Refused(409, "SESSION_EXISTS", "session " + request.sessionId() + " already exists");
        }
        synchronized (running) {
            try {
                return RoundOutput.running(seal(running, session.machine().start()));
            } catch (RuntimeException ex) {
                finish(running, null);
                throw new Refused(500, "PROTOCOL_ERROR", "protocol failed to start: " + ex.getClass().getSimpleName());
            }
        }
    }

    public RoundOutput deliver(String sessionId, List<SealedEnvelope> envelopes) {
        expire();
        Running running = sessions.get(sessionId);
        if (running == null) {
            throw new Refused(404, "SESSION_UNKNOWN", "no running session " + sessionId + " (expired, finished or node restarted)");
        }
        synchronized (running) {
            if (running.finished) {
                throw new Refused(409, "SESSION_FINISHED", "session " + sessionId + " already finished");
            }
            List<SealedEnvelope> out = new ArrayList<>();
            for (SealedEnvelope e : envelopes) {
                ProtocolMessage m;
                try {
                    m = open(running, e);
                } catch (EnvelopeCrypto.EnvelopeRejected ex) {
                    // Blame the party of the node that claims to have sent it; a forged signature could also mean
                    // a tampering relay, which the detail text leaves open.
                    int culprit = running.request.partyOf(e.fromNode()).orElse(0);
                    return finish(running, RoundOutput.aborted(culprit, "envelope", ex.getMessage()));
                }
                Step<?> step;
                try {
                    step = running.session.machine().receive(m);
                } catch (RuntimeException ex) {
                    // A machine should answer with Abort, not throw; if one throws anyway, the fault is this node's own
                    // code or state, not the sender's message, so the run ends blaming nobody (culprit 0) rather than
                    // getting an honest peer left out of the retry.
                    return finish(running, RoundOutput.aborted(0, "internal-error", ex.getClass().getSimpleName()));
                }
                if (step instanceof Step.Continue<?> c) {
                    out.addAll(seal(running, c.outgoing()));
                } else if (step instanceof Step.Done<?> d) {
                    out.addAll(seal(running, d.outgoing()));
                    byte[] result;
                    try {
                        result = running.session.complete(d.result());
                    } catch (RuntimeException ex) {
                        return finish(running, RoundOutput.aborted(0, "result-handling", ex.getMessage()));
                    }
                    return finish(running, RoundOutput.done(out, result));
                } else if (step instanceof Step.Abort<?> a) {
                    return finish(running, RoundOutput.aborted(a.culprit(), a.check(), a.detail()));
                }
            }
            return RoundOutput.running(out);
        }
    }

    private RoundOutput resolveRefresh(SessionRequest request) {
        io.custody.mpc.storage.ShareSlot slot = new io.custody.mpc.storage.ShareSlot(request.wallet(), request.key(),
                request.protocol());
        try {
            return RoundOutput.done(List.of(), context.refreshLedger().handle(slot, request.message()));
        } catch (IllegalArgumentException | IllegalStateException | io.custody.mpc.ecdsa.wire.MalformedMessageException e) {
            throw new Refused(400, "INVALID_RESOLUTION", e.getMessage());
        } catch (io.custody.mpc.storage.ShareCorruptedException e) {
            throw new Refused(500, "SHARE_CORRUPTED", e.getMessage());
        }
    }

    /**
     * Drops a session the coordinator gave up on (another node aborted, timed out or vanished), so this node's nonces
     * and polynomial do not wait for the expiry. Unknown ids are ignored: the session may already have ended here.
     */
    public void cancel(String sessionId) {
        Running running = sessions.remove(sessionId);
        if (running != null) {
            synchronized (running) {
                running.finished = true;
            }
        }
    }

    private RoundOutput finish(Running running, RoundOutput output) {
        running.finished = true;
        sessions.remove(running.request.sessionId());
        return output;
    }

    private ProtocolMessage open(Running running, SealedEnvelope e) {
        SessionRequest r = running.request;
        if (!e.sessionId().equals(r.sessionId())
                || !e.protocol().equals(running.session.expectedMessageProtocol(r))) {
            throw new EnvelopeCrypto.EnvelopeRejected("envelope of another session or protocol");
        }
        // The sending node must be the node the session assigned to the claimed party index.
        if (!e.fromNode().equals(r.parties().get(e.fromParty())) || !r.active().contains(e.fromParty())) {
            throw new EnvelopeCrypto.EnvelopeRejected("node " + e.fromNode() + " does not play party " + e.fromParty());
        }
        if (!e.isBroadcast() && e.toParty() != running.party) {
            throw new EnvelopeCrypto.EnvelopeRejected("envelope for party " + e.toParty());
        }
        return crypto.open(e);
    }

    private List<SealedEnvelope> seal(Running running, List<ProtocolMessage> messages) {
        List<SealedEnvelope> out = new ArrayList<>();
        for (ProtocolMessage m : messages) {
            NodeId to = m.isBroadcast() ? null : running.request.parties().get(m.to());
            out.add(crypto.seal(m, to));
        }
        return out;
    }

    private void expire() {
        Instant now = clock.instant();
        sessions.values().removeIf(r -> r.deadline.isBefore(now));
    }

    public int runningSessions() {
        expire();
        return sessions.size();
    }
}
