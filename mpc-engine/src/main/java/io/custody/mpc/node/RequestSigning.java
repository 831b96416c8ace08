package io.custody.mpc.node;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.util.encoders.Hex;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed requests to a node: the caller signs {@code method, path, timestamp, request nonce, SHA-256(body)} with its
 * Ed25519 key; the node accepts only callers listed in its roster, a timestamp within the allowed skew, and each
 * request nonce once (replays within the window are refused). Chosen over mutual TLS, see ADR frost-002.
 */
public final class RequestSigning {

    public static final String CALLER = "X-Custody-Caller";
    public static final String TIMESTAMP = "X-Custody-Timestamp";
    public static final String NONCE = "X-Custody-Nonce";
    public static final String SIGNATURE = "X-Custody-Signature";

    private RequestSigning() {
    }

    static byte[] canonical(String method, String path, String timestamp, String nonce, byte[] body) {
        SHA256Digest d = new SHA256Digest();
        d.update(body, 0, body.length);
        byte[] h = new byte[32];
        d.doFinal(h, 0);
        return String.join("\n", "custody-mpc-request/v1", method, path, timestamp, nonce, Hex.toHexString(h))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Headers a caller attaches to one request. */
    public static Map<String, String> sign(String callerId, Ed25519PrivateKeyParameters key, String method, String path,
                                           byte[] body, Instant now, String nonce) {
        String ts = Long.toString(now.getEpochSecond());
        byte[] msg = canonical(method, path, ts, nonce, body);
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, key);
        s.update(msg, 0, msg.length);
        return Map.of(CALLER, callerId, TIMESTAMP, ts, NONCE, nonce,
                SIGNATURE, Base64.getEncoder().encodeToString(s.generateSignature()));
    }

    /** The node's side: checks one request and remembers its nonce. */
    public static final class Verifier {
        private final ClusterRoster roster;
        private final Clock clock;
        private final Duration skew;
        private final Map<String, Instant> seen = new ConcurrentHashMap<>();

        private final Map<String, Ed25519PublicKeyParameters> keys = new ConcurrentHashMap<>();
        private volatile Instant lastSweep = Instant.EPOCH;

        public Verifier(ClusterRoster roster, Clock clock, Duration skew) {
            this.roster = roster;
            this.clock = clock;
            this.skew = skew;
        }

        /**
         * Forgets nonces older than twice the allowed skew (their timestamps are refused anyway), at most once per
         * second: sweeping on every request made each request scan every nonce of the last two minutes.
         */
        private void sweep(Instant now) {
            if (Duration.between(lastSweep, now).compareTo(Duration.ofSeconds(1)) < 0) {
                return;
            }
            lastSweep = now;
            Instant horizon = now.minus(skew.multipliedBy(2));
            seen.values().removeIf(t -> t.isBefore(horizon));
        }

        int rememberedNonces() {
            return seen.size();
        }

        /** Returns the caller id, or throws {@link MpcNode.Refused} with status 401. */
        public String verify(String method, String path, Map<String, String> headers, byte[] body) {
            String caller = headers.get(CALLER);
            String ts = headers.get(TIMESTAMP);
            String nonce = headers.get(NONCE);
            String sig = headers.get(SIGNATURE);
            if (caller == null || ts == null || nonce == null || sig == null) {
                throw new MpcNode.Refused(401, "UNAUTHENTICATED", "request is not signed");
            }
            byte[] key = roster.callerKey(caller)
                    .orElseThrow(() -> new MpcNode.Refused(401, "UNKNOWN_CALLER", "caller " + caller + " is not allowed"));
            // Decoding a public key costs a square root; the roster is fixed for the node's lifetime.
            Ed25519PublicKeyParameters publicKey = keys.computeIfAbsent(caller, c -> new Ed25519PublicKeyParameters(key, 0));
            Instant when;
            byte[] signature;
            try {
                when = Instant.ofEpochSecond(Long.parseLong(ts));
                signature = Base64.getDecoder().decode(sig);
            } catch (IllegalArgumentException e) {
                throw new MpcNode.Refused(401, "BAD_SIGNATURE", "malformed authentication headers");
            }
            Instant now = clock.instant();
            if (when.isBefore(now.minus(skew)) || when.isAfter(now.plus(skew))) {
                throw new MpcNode.Refused(401, "STALE_REQUEST", "request timestamp outside the allowed window");
            }
            byte[] msg = canonical(method, path, ts, nonce, body);
            Ed25519Signer v = new Ed25519Signer();
            v.init(false, publicKey);
            v.update(msg, 0, msg.length);
            if (signature.length != 64 || !v.verifySignature(signature)) {
                throw new MpcNode.Refused(401, "BAD_SIGNATURE", "request signature does not verify");
            }
            sweep(now);
            if (seen.putIfAbsent(caller + "/" + nonce, now) != null) {
                throw new MpcNode.Refused(401, "REPLAYED_REQUEST", "request nonce already used");
            }
            return caller;
        }
    }
}
