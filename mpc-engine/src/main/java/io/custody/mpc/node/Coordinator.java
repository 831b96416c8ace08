package io.custody.mpc.node;

import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client library the sagas call to run key generation, signing and refresh on the node cluster. It starts a
 * session on each chosen node, relays the sealed envelopes round by round (it can neither read point-to-point
 * payloads nor forge a node's signature), and collects the public results. Protocol-agnostic: it only knows protocol
 * names. Signing starts on t nodes, leaves out any node that is unreachable, drops out mid-session or is named as the
 * culprit of an abort, retries with the others, and fails fast once fewer than t remain; key generation and refresh
 * probe every node first and refuse to start unless all are up.
 */
public final class Coordinator {

    public record Settings(Duration requestTimeout, Duration sessionTimeout, Duration healthTimeout) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(2));
        }
    }

    private final String callerId;
    private final Ed25519PrivateKeyParameters callerKey;
    private final Map<NodeId, URI> endpoints;
    private final Settings settings;
    private final HttpClient http;
    private final Clock clock;
    private final Map<String, SignatureCheck> checks;

    public Coordinator(String callerId, Ed25519PrivateKeyParameters callerKey, Map<NodeId, URI> endpoints,
                       Settings settings, Clock clock) {
        this(callerId, callerKey, endpoints, settings, clock, SignatureCheck.defaults());
    }

    public Coordinator(String callerId, Ed25519PrivateKeyParameters callerKey, Map<NodeId, URI> endpoints,
                       Settings settings, Clock clock, Map<String, SignatureCheck> checks) {
        this.checks = Map.copyOf(checks);
        this.callerId = callerId;
        this.callerKey = callerKey;
        this.endpoints = Map.copyOf(endpoints);
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.healthTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Nodes among {@code candidates} that answer the health check in time, in the order given. */
    public List<NodeId> healthy(Collection<NodeId> candidates) {
        Map<NodeId, CompletableFuture<Boolean>> checks = new LinkedHashMap<>();
        for (NodeId n : candidates) {
            URI base = endpoints.get(n);
            if (base == null) {
                checks.put(n, CompletableFuture.completedFuture(false));
                continue;
            }
            HttpRequest req = HttpRequest.newBuilder(base.resolve("/v1/health")).timeout(settings.healthTimeout())
                    .GET().build();
            checks.put(n, http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
                    .thenApply(r -> r.statusCode() == 200).exceptionally(t -> false));
        }
        List<NodeId> up = new ArrayList<>();
        checks.forEach((n, f) -> {
            if (f.join()) {
                up.add(n);
            }
        });
        return up;
    }

    public ThresholdKey generateKey(WalletId wallet, KeyId key, String protocol, int threshold, List<NodeId> nodes) {
        Map<Integer, NodeId> parties = new TreeMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            parties.put(i + 1, nodes.get(i));
        }
        requireAllHealthy(parties.values(), "key generation");
        SessionRequest req = new SessionRequest(newSessionId(), protocol, Operation.KEYGEN, wallet, key, threshold,
                parties, List.copyOf(parties.keySet()), new byte[0]);
        byte[] groupKey = agreedResult(run(req));
        return new ThresholdKey(wallet, key, protocol, threshold, parties, groupKey);
    }

    /**
     * Refreshes every share of the key. Nodes replace their shares only under a certificate of every party's
     * acknowledgement; when the run fails, this resolves the half-finished refresh at once (commit everywhere if any
     * node holds the certificate, otherwise discard everywhere on every party's abandon statement), so no node is
     * left on another generation (docs/adr/frost-005). The original failure is rethrown.
     */
    public ThresholdKey refresh(ThresholdKey key) {
        requireAllHealthy(key.parties().values(), "refresh");
        for (int attempt = 0; ; attempt++) {
            SessionRequest req = new SessionRequest(newSessionId(), key.protocol(), Operation.REFRESH, key.wallet(),
                    key.key(), key.threshold(), key.parties(), List.copyOf(key.parties().keySet()), new byte[0]);
            byte[] groupKey;
            try {
                groupKey = agreedResult(run(req));
            } catch (CoordinatorException e) {
                if (attempt == 0 && refreshPending(e)) {
                    resolveRefresh(key);
                    continue;
                }
                try {
                    resolveRefresh(key);
                } catch (CoordinatorException unresolved) {
                    e.addSuppressed(unresolved);
                }
                throw e;
            }
            if (!Arrays.equals(groupKey, key.groupPublicKey())) {
                throw new CoordinatorException("INCONSISTENT_RESULT", "refresh changed the group key");
            }
            return key;
        }
    }

    private static boolean refreshPending(CoordinatorException e) {
        return "REFRESH_PENDING".equals(e.check());
    }

    /** What {@link #resolveRefresh} did. */
    public enum RefreshOutcome { NOTHING_PENDING, COMMITTED, DISCARDED }

    /**
     * Settles a half-finished refresh of {@code key} by evidence (docs/adr/frost-005): if any node holds the commit
     * certificate of the pending session, every pending node commits under it; otherwise every party is asked to sign
     * that it holds no certificate and will never commit the session, and with all of those statements the pending
     * nodes discard. Fails with REFRESH_IN_DOUBT, naming a node, when a node that could hold the certificate does
     * not answer: then neither is safe and the nodes keep refusing to sign until it is back.
     */
    public RefreshOutcome resolveRefresh(ThresholdKey key) {
        Map<NodeId, RefreshResolution.Status> status = askAll(key, RefreshResolution.Command.status());
        String session = status.values().stream().filter(s -> s.state() == RefreshResolution.State.PENDING)
                .map(RefreshResolution.Status::sessionId).findFirst().orElse(null);
        if (session == null) {
            return RefreshOutcome.NOTHING_PENDING;
        }
        io.custody.mpc.ecdsa.round.AckCertificate cert = certificateFor(session, status);
        if (cert == null) {
            Map<NodeId, RefreshResolution.Status> abandon = askAll(key, RefreshResolution.Command.abandon(session));
            cert = certificateFor(session, abandon);
            if (cert == null) {
                java.util.SortedMap<Integer, byte[]> statements = new java.util.TreeMap<>();
                for (var e : key.parties().entrySet()) {
                    RefreshResolution.Status s = abandon.get(e.getValue());
                    if (s == null || s.abandonStatement() == null) {
                        throw new CoordinatorException("REFRESH_IN_DOUBT", "refresh session " + session
                                + " is pending and " + e.getValue() + " did not state that it holds no certificate",
                                e.getValue(), "REFRESH_IN_DOUBT");
                    }
                    statements.put(e.getKey(), s.abandonStatement());
                }
                askAll(key, RefreshResolution.Command.discard(session, statements));
                return RefreshOutcome.DISCARDED;
            }
        }
        Map<NodeId, RefreshResolution.Status> after = askAll(key, RefreshResolution.Command.commit(cert));
        for (NodeId n : key.parties().values()) {
            RefreshResolution.Status s = after.get(n);
            if (s == null || s.state() == RefreshResolution.State.PENDING) {
                throw new CoordinatorException("REFRESH_IN_DOUBT", "refresh session " + session + " is committed but "
                        + n + " has not taken the certificate yet", n, "REFRESH_IN_DOUBT");
            }
        }
        return RefreshOutcome.COMMITTED;
    }

    private static io.custody.mpc.ecdsa.round.AckCertificate certificateFor(String session,
                                                                           Map<NodeId, RefreshResolution.Status> answers) {
        // Nodes check the certificate themselves before they commit; the coordinator only picks the candidate.
        return answers.values().stream().map(RefreshResolution.Status::certificate)
                .filter(c -> c != null && c.sessionId().equals(session)).findFirst().orElse(null);
    }

    /** Sends one resolve command to every node of the key; nodes that do not answer are left out of the map. */
    private Map<NodeId, RefreshResolution.Status> askAll(ThresholdKey key, RefreshResolution.Command command) {
        SessionRequest req = new SessionRequest(newSessionId(), key.protocol(), Operation.RESOLVE_REFRESH, key.wallet(),
                key.key(), key.threshold(), key.parties(), List.copyOf(key.parties().keySet()), command.encode());
        Instant deadline = clock.instant().plus(settings.requestTimeout());
        byte[] body = NodeWire.request(req);
        Map<NodeId, CompletableFuture<RoundOutput>> calls = new LinkedHashMap<>();
        key.parties().values().forEach(n -> calls.put(n, post(n, "/v1/sessions", body, deadline)));
        Map<NodeId, RefreshResolution.Status> answers = new LinkedHashMap<>();
        CoordinatorException refused = null;
        for (var e : calls.entrySet()) {
            try {
                RoundOutput out = await(e.getKey(), e.getValue(), deadline);
                answers.put(e.getKey(), RefreshResolution.Status.decode(out.result()));
            } catch (CoordinatorException ce) {
                if (ce.code().equals("NODE_REFUSED") && refused == null) refused = ce;
            } catch (RuntimeException malformed) {
                // An unreadable answer counts as no answer: the rule never acts on what it cannot check.
            }
        }
        if (refused != null && command.kind() != RefreshResolution.Kind.STATUS
                && command.kind() != RefreshResolution.Kind.ABANDON) {
            throw refused;
        }
        return answers;
    }

    /** Signs {@code message} with any t healthy nodes of the key; returns the protocol's signature encoding. */
    public byte[] sign(ThresholdKey key, byte[] message) {
        return verified(key, message, withFailover(key, Operation.SIGN, message, Set.of()));
    }

    /**
     * Signs with exactly the parties {@code signers}, no failover: for a signature that needs state only those nodes
     * hold (a threshold ECDSA presignature). The session starts at the lowest-index signer first and at the others
     * only once it accepted, so when two callers race for the same single-use state, that node decides and the loser
     * touches no other node: exactly one wins instead of each taking it at a different node and both failing.
     */
    public byte[] signWith(ThresholdKey key, List<Integer> signers, byte[] message) {
        if (!key.parties().keySet().containsAll(signers) || signers.size() < key.threshold()) {
            throw new IllegalArgumentException("signers must be at least " + key.threshold() + " parties of the key");
        }
        SessionRequest req = new SessionRequest(newSessionId(), key.protocol(), Operation.SIGN, key.wallet(),
                key.key(), key.threshold(), key.parties(), signers, message);
        return verified(key, message, agreedResult(run(req, true)));
    }

    private byte[] verified(ThresholdKey key, byte[] message, byte[] signature) {
        SignatureCheck check = checks.get(key.protocol());
        if (check != null && !check.verifies(key.groupPublicKey(), message, signature)) {
            throw new CoordinatorException("INVALID_SIGNATURE", "the nodes returned a signature that does not verify "
                    + "under the group key");
        }
        return signature;
    }

    /**
     * Runs the offline phase of a protocol that has one, on any t healthy nodes; returns the nodes' agreed public
     * output (for threshold ECDSA, a reference to the stored presignature). FROST refuses it (NODE_REFUSED).
     */
    public byte[] presign(ThresholdKey key, byte[] context) {
        return withFailover(key, Operation.PRESIGN, context, Set.of());
    }

    /** As {@link #presign(ThresholdKey, byte[])}, leaving out {@code without} (nodes blamed in an earlier attempt). */
    public byte[] presign(ThresholdKey key, byte[] context, Set<NodeId> without) {
        return withFailover(key, Operation.PRESIGN, context, without);
    }

    private byte[] withFailover(ThresholdKey key, Operation operation, byte[] message, Set<NodeId> without) {
        Set<NodeId> excluded = new LinkedHashSet<>(without);
        CoordinatorException last = null;
        boolean resolvedOnce = false;
        for (int attempt = 0; attempt < key.parties().size(); attempt++) {
            // No health probe first: a node that is down refuses the connection at once, is excluded below and the
            // run is retried, so a healthy cluster saves a round trip and a degraded one still fails fast.
            List<NodeId> up = key.parties().values().stream().filter(n -> !excluded.contains(n)).toList();
            if (up.size() < key.threshold()) {
                String msg = operation.name().toLowerCase(java.util.Locale.ROOT) + " needs " + key.threshold() + " of "
                        + key.parties().size() + " nodes, only " + up.size() + " available " + up;
                if (last != null) {
                    // Say why nodes were left out: unreachable, or named as the culprit of an abort.
                    throw new CoordinatorException("INSUFFICIENT_NODES", msg + "; left out " + excluded + ", last because "
                            + last.code() + ": " + last.getMessage(), last.culpritNode(), last.check());
                }
                throw new CoordinatorException("INSUFFICIENT_NODES", msg);
            }
            List<Integer> active = key.parties().entrySet().stream().filter(e -> up.contains(e.getValue()))
                    .map(Map.Entry::getKey).limit(key.threshold()).toList();
            SessionRequest req = new SessionRequest(newSessionId(), key.protocol(), operation, key.wallet(),
                    key.key(), key.threshold(), key.parties(), active, message);
            try {
                return agreedResult(run(req, false));
            } catch (CoordinatorException e) {
                if (refreshPending(e) && !resolvedOnce) {
                    // A node holds a half-finished refresh of this key: settle it, then run again on the same nodes.
                    resolvedOnce = true;
                    resolveRefresh(key);
                    attempt--;
                    continue;
                }
                boolean retryWithout = e.culpritNode() != null
                        && (e.code().equals("NODE_UNAVAILABLE") || e.code().equals("SESSION_ABORTED"));
                if (!retryWithout) {
                    throw e;
                }
                // A node died mid-session (its nonces are gone) or was named by an honest party as the sender of a
                // message that failed a check: start over without it, with fresh nonces, while t others remain.
                excluded.add(e.culpritNode());
                last = e;
            }
        }
        throw last;
    }

    private void requireAllHealthy(Collection<NodeId> nodes, String what) {
        List<NodeId> up = healthy(nodes);
        if (up.size() < nodes.size()) {
            List<NodeId> down = nodes.stream().filter(n -> !up.contains(n)).toList();
            throw new CoordinatorException("INSUFFICIENT_NODES", what + " needs every node, unavailable: " + down);
        }
    }

    private static byte[] agreedResult(Map<NodeId, byte[]> results) {
        byte[] first = null;
        for (byte[] r : results.values()) {
            if (first != null && !Arrays.equals(first, r)) {
                throw new CoordinatorException("INCONSISTENT_RESULT", "nodes returned different results");
            }
            first = r;
        }
        return first;
    }

    private String newSessionId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Runs one session to completion and returns each active node's public result; if it fails, tells every active
     * node to drop the session (best effort, not awaited) so no node keeps nonces or shares of a dead run in memory.
     */
    Map<NodeId, byte[]> run(SessionRequest req) {
        return run(req, false);
    }

    private Map<NodeId, byte[]> run(SessionRequest req, boolean firstSignerFirst) {
        try {
            return relay(req, firstSignerFirst);
        } catch (CoordinatorException e) {
            byte[] empty = new byte[0];
            for (int party : req.active()) {
                NodeId node = req.parties().get(party);
                post(node, "/v1/sessions/" + req.sessionId() + "/cancel", empty,
                        clock.instant().plus(settings.requestTimeout())).exceptionally(t -> null);
            }
            throw e;
        }
    }

    private Map<NodeId, byte[]> relay(SessionRequest req, boolean firstSignerFirst) {
        Instant deadline = clock.instant().plus(settings.sessionTimeout());
        List<NodeId> active = req.active().stream().map(i -> req.parties().get(i)).toList();
        byte[] startBody = NodeWire.request(req);
        Map<NodeId, CompletableFuture<RoundOutput>> calls = new LinkedHashMap<>();
        for (NodeId n : active) {
            CompletableFuture<RoundOutput> call = post(n, "/v1/sessions", startBody, deadline);
            if (firstSignerFirst && calls.isEmpty()) {
                // Throws if the first signer refuses, before any other node was asked.
                call = CompletableFuture.completedFuture(await(n, call, deadline));
            }
            calls.put(n, call);
        }
        Map<NodeId, byte[]> results = new HashMap<>();
        while (true) {
            Map<NodeId, List<SealedEnvelope>> inbox = new LinkedHashMap<>();
            // Every answer of the batch is collected before an abort is reported: the first node to abort may be the
            // culprit itself, blaming an honest peer whose echo disagrees with its own equivocation (ADR ecdsa-001).
            // Once one node aborted, the others get a short grace (the health timeout) to give their verdicts, so a
            // peer that hangs cannot delay the report to the session deadline or turn it into its own timeout.
            Map<NodeId, RoundOutput> outputs = new LinkedHashMap<>();
            CoordinatorException failure = null;
            Instant grace = null;
            for (var e : calls.entrySet()) {
                try {
                    Instant until = grace == null ? deadline : grace;
                    RoundOutput out = await(e.getKey(), e.getValue(), until);
                    outputs.put(e.getKey(), out);
                    if (out.status() == RoundOutput.Status.ABORTED && grace == null) {
                        Instant g = clock.instant().plus(settings.healthTimeout());
                        grace = g.isBefore(deadline) ? g : deadline;
                    }
                } catch (CoordinatorException ce) {
                    if (failure == null && grace == null) {
                        failure = ce;
                    }
                }
            }
            throwIfAborted(req, outputs);
            if (failure != null) {
                throw failure;
            }
            for (var e : outputs.entrySet()) {
                RoundOutput out = e.getValue();
                if (out.status() == RoundOutput.Status.DONE) {
                    results.put(e.getKey(), out.result());
                }
                for (SealedEnvelope env : out.outgoing()) {
                    List<NodeId> to = env.isBroadcast()
                            ? active.stream().filter(n -> !n.equals(env.fromNode())).toList() : List.of(env.toNode());
                    for (NodeId n : to) {
                        inbox.computeIfAbsent(n, k -> new ArrayList<>()).add(env);
                    }
                }
            }
            if (results.size() == active.size()) {
                return results;
            }
            inbox.keySet().removeIf(results::containsKey);
            if (inbox.isEmpty()) {
                throw new CoordinatorException("SESSION_STALLED", "no messages to relay but parties still running");
            }
            calls = new LinkedHashMap<>();
            for (var e : inbox.entrySet()) {
                calls.put(e.getKey(), post(e.getKey(), "/v1/sessions/" + req.sessionId() + "/messages",
                        NodeWire.envelopes(e.getValue()), deadline));
            }
        }
    }

    /**
     * Reports an abort of the batch, naming the party most aborting nodes blamed (ties: the first in node order;
     * culprit 0, "not attributable", only when nobody named a party), with that accuser's check and detail.
     */
    private static void throwIfAborted(SessionRequest req, Map<NodeId, RoundOutput> outputs) {
        Map<Integer, Integer> votes = new LinkedHashMap<>();
        Map<Integer, Map.Entry<NodeId, RoundOutput>> firstAccuser = new HashMap<>();
        Map.Entry<NodeId, RoundOutput> anyAbort = null;
        for (var e : outputs.entrySet()) {
            RoundOutput out = e.getValue();
            if (out.status() != RoundOutput.Status.ABORTED) {
                continue;
            }
            if (anyAbort == null) {
                anyAbort = e;
            }
            if (out.culprit() != 0) {
                votes.merge(out.culprit(), 1, Integer::sum);
                firstAccuser.putIfAbsent(out.culprit(), e);
            }
        }
        if (anyAbort == null) {
            return;
        }
        Map.Entry<NodeId, RoundOutput> chosen = anyAbort;
        int best = 0;
        for (var v : votes.entrySet()) {
            if (v.getValue() > best) {
                best = v.getValue();
                chosen = firstAccuser.get(v.getKey());
            }
        }
        RoundOutput out = chosen.getValue();
        NodeId culprit = req.parties().get(out.culprit());
        long aborted = outputs.values().stream().filter(o -> o.status() == RoundOutput.Status.ABORTED).count();
        throw new CoordinatorException("SESSION_ABORTED", "node " + chosen.getKey() + " aborted: party "
                + out.culprit() + " (" + culprit + ") failed " + out.check() + ": " + out.detail()
                + (aborted > 1 ? " (" + Math.max(best, 1) + " of " + aborted + " aborting nodes named it)" : ""),
                culprit, out.check());
    }

    private CompletableFuture<RoundOutput> post(NodeId node, String path, byte[] body, Instant deadline) {
        URI base = endpoints.get(node);
        if (base == null) {
            return CompletableFuture.failedFuture(new CoordinatorException("NODE_UNAVAILABLE",
                    "no endpoint for " + node, node, null));
        }
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            return CompletableFuture.failedFuture(new CoordinatorException("SESSION_TIMEOUT", "session timed out"));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(left.compareTo(settings.requestTimeout()) < 0 ? left : settings.requestTimeout())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        RequestSigning.sign(callerId, callerKey, "POST", path, body, clock.instant(), UUID.randomUUID().toString())
                .forEach(b::header);
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
            if (r.statusCode() == 200) {
                return NodeWire.output(r.body());
            }
            if (r.statusCode() == 204) {
                return null;
            }
            String code = ErrorBody.code(r.body());
            // Lost session state (restart, expiry) or a server fault means this node cannot finish the run.
            String ourCode = r.statusCode() >= 500 || code.equals("SESSION_UNKNOWN") ? "NODE_UNAVAILABLE" : "NODE_REFUSED";
            throw new CoordinatorException(ourCode, "node " + node + " answered " + r.statusCode() + " " + code + ": "
                    + ErrorBody.message(r.body()), node, code);
        });
    }

    private RoundOutput await(NodeId node, CompletableFuture<RoundOutput> f, Instant deadline) {
        long ms = Math.max(1, Duration.between(clock.instant(), deadline).toMillis());
        try {
            return f.get(ms, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new CoordinatorException("SESSION_TIMEOUT", "node " + node + " did not answer before the session deadline",
                    node, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinatorException("SESSION_TIMEOUT", "interrupted");
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CoordinatorException ce) {
                throw ce;
            }
            if (cause instanceof java.net.http.HttpTimeoutException
                    && Duration.between(clock.instant(), deadline).toMillis() < 100) {
                // The request was cut at the session deadline: the session timed out, whichever timer fired first.
                throw new CoordinatorException("SESSION_TIMEOUT", "node " + node
                        + " did not answer before the session deadline", node, null);
            }
            if (cause instanceof IOException) {
                throw new CoordinatorException("NODE_UNAVAILABLE", "node " + node + " unreachable: "
                        + cause.getClass().getSimpleName(), node, null);
            }
            throw new CoordinatorException("NODE_UNAVAILABLE", "node " + node + " failed: " + cause, node, null);
        }
    }
}
