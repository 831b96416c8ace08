package io.custody.mpc.client;

import io.custody.mpc.ecdsa.bip32.Bip32;
import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.sign.MessageDigest;
import io.custody.mpc.ecdsa.sign.SignRequest;
import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.frost.Ed25519Sha512;
import io.custody.mpc.node.Coordinator;
import io.custody.mpc.node.CoordinatorException;
import io.custody.mpc.node.EcdsaCoordinator;
import io.custody.mpc.node.EcdsaProtocolFactory;
import io.custody.mpc.node.EcdsaPublicKey;
import io.custody.mpc.node.NodeId;
import io.custody.mpc.node.PresignatureRef;
import io.custody.mpc.node.RecoverableSignature;
import io.custody.mpc.node.ThresholdKey;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.ec.ECPoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link MpcClient} over the cluster's {@link Coordinator} (FROST) and {@link EcdsaCoordinator} (threshold ECDSA),
 * with the idempotency journal in a directory of its own (docs/adr/mpc-001). The blocking coordinator calls run on
 * {@code executor}; each returned future is bounded by {@code callTimeout}. One journal directory belongs to one
 * client instance at a time: the in-memory de-duplication of concurrent calls does not span processes.
 */
public final class ClusterMpcClient implements MpcClient {

    private static final String ED25519 = Ed25519Sha512.INSTANCE.protocolName();

    private final Coordinator coordinator;
    private final EcdsaCoordinator ecdsa;
    private final List<NodeId> nodes;
    private final IdempotencyJournal journal;
    private final Executor executor;
    private final Duration callTimeout;
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

    private record InFlight(String operation, byte[] fingerprint, CompletableFuture<byte[]> work) {
    }

    /**
     * @param nodes      the nodes that hold the parties of new keys, in party order (all must be up for key
     *                   generation and refresh)
     * @param journalDir where the idempotency records and key descriptions live; must survive restarts
     */
    public ClusterMpcClient(Coordinator coordinator, List<NodeId> nodes, Path journalDir, Executor executor,
                            Duration callTimeout) {
        this.coordinator = coordinator;
        this.ecdsa = new EcdsaCoordinator(coordinator);
        this.nodes = List.copyOf(nodes);
        this.journal = new IdempotencyJournal(journalDir);
        this.executor = executor;
        this.callTimeout = callTimeout;
    }

    @Override
    public CompletableFuture<KeyDescriptor> generateKey(IdempotencyKey idempotencyKey, GenerateKeyRequest request) {
        byte[] fp = fingerprint("generate-key", request.key().walletId(), request.key().keyId(),
                request.scheme().name(), Integer.toString(request.threshold()));
        return idempotent(idempotencyKey, "generate-key", fp, retryAfterStart -> {
            if (request.threshold() > nodes.size()) {
                throw new MpcClientException.InvalidRequest("threshold " + request.threshold() + " exceeds the "
                        + nodes.size() + " nodes", null);
            }
            WalletId wallet = new WalletId(request.key().walletId());
            KeyId id = new KeyId(request.key().keyId());
            ThresholdKey key;
            try {
                key = request.scheme() == SignatureScheme.ECDSA_SECP256K1
                        ? ecdsa.generateKey(wallet, id, request.threshold(), nodes)
                        : coordinator.generateKey(wallet, id, ED25519, request.threshold(), nodes);
            } catch (CoordinatorException e) {
                if (retryAfterStart && "SHARE_EXISTS".equals(e.check())) {
                    // The first attempt reached the nodes but its answer never reached the journal: whether it made
                    // a usable key (all nodes) or a partial one cannot be told from here.
                    throw new MpcClientException.InDoubt("an earlier attempt under this idempotency key may have "
                            + "generated " + request.key() + " without the client recording it; an operator must check "
                            + "the nodes' shares before the key id is used", e);
                }
                throw e;
            }
            byte[] record = encodeKey(key);
            journal.saveKey(request.key(), record);
            return record;
        }, bytes -> descriptor(decodeKey(bytes)));
    }

    @Override
    public CompletableFuture<KeyDescriptor> refresh(IdempotencyKey idempotencyKey, KeyRef ref) {
        byte[] fp = fingerprint("refresh", ref.walletId(), ref.keyId());
        return idempotent(idempotencyKey, "refresh", fp, retry -> {
            ThresholdKey key = load(ref);
            if (key.protocol().equals(EcdsaProtocolFactory.PROTOCOL)) {
                ecdsa.refresh(key);
            } else {
                coordinator.refresh(key);
            }
            return encodeKey(key);
        }, bytes -> descriptor(decodeKey(bytes)));
    }

    @Override
    public CompletableFuture<PresignatureHandle> presign(IdempotencyKey idempotencyKey, KeyRef ref) {
        byte[] fp = fingerprint("presign", ref.walletId(), ref.keyId());
        return idempotent(idempotencyKey, "presign", fp, retry -> {
            ThresholdKey key = requireScheme(load(ref), SignatureScheme.ECDSA_SECP256K1, "presigning");
            PresignatureRef presignature = ecdsa.presign(key);
            byte[] encoded = presignature.encode();
            journal.savePresignature(presignature.id(), new WireWriter("client.presignature").string(ref.walletId())
                    .string(ref.keyId()).bytes(encoded).toBytes());
            return new WireWriter("client.presignature").string(ref.walletId()).string(ref.keyId()).bytes(encoded)
                    .toBytes();
        }, bytes -> {
            WireReader in = new WireReader(bytes, "client.presignature");
            KeyRef key = new KeyRef(in.string(), in.string());
            PresignatureRef presignature = PresignatureRef.decode(in.bytes());
            in.end();
            ThresholdKey k = load(key);
            return new PresignatureHandle(key, presignature.id(),
                    presignature.signers().stream().map(p -> k.parties().get(p).value()).toList());
        });
    }

    @Override
    public CompletableFuture<SignatureResult> sign(IdempotencyKey idempotencyKey, SignMessageRequest request) {
        return sign(idempotencyKey, request, Optional.empty());
    }

    @Override
    public CompletableFuture<SignatureResult> sign(IdempotencyKey idempotencyKey, SignMessageRequest request,
                                                   PresignatureHandle presignature) {
        return sign(idempotencyKey, request, Optional.of(presignature));
    }

    private CompletableFuture<SignatureResult> sign(IdempotencyKey idempotencyKey, SignMessageRequest request,
                                                    Optional<PresignatureHandle> presignature) {
        byte[] fp = fingerprint("sign", request.key().walletId(), request.key().keyId(), request.hash().name(),
                request.path().steps().toString(), presignature.map(PresignatureHandle::id).orElse(""),
                org.bouncycastle.util.encoders.Hex.toHexString(IdempotencyJournal.sha256(request.message())));
        return idempotent(idempotencyKey, "sign", fp, retry -> {
            ThresholdKey key = load(request.key());
            byte[] signature;
            if (scheme(key) == SignatureScheme.ECDSA_SECP256K1) {
                MessageDigest digest = switch (request.hash()) {
                    case KECCAK_256 -> MessageDigest.KECCAK_256;
                    case SHA_256 -> MessageDigest.SHA_256;
                    case ED25519_PURE -> throw new MpcClientException.InvalidRequest(
                            "threshold ECDSA signs a Keccak-256 or SHA-256 digest of the message", null);
                };
                SignRequest what = new SignRequest(request.message(), digest, request.path().steps());
                RecoverableSignature sig = presignature.isEmpty() ? ecdsa.sign(key, what)
                        : ecdsa.sign(key, presignatureRef(presignature.get(), request.key()), what);
                signature = sig.encode();
            } else {
                if (request.hash() != MessageHash.ED25519_PURE || !request.path().steps().isEmpty()
                        || presignature.isPresent()) {
                    throw new MpcClientException.InvalidRequest("FROST Ed25519 signs the message itself (hash "
                            + "ED25519_PURE), without derivation path or presignature", null);
                }
                signature = coordinator.sign(key, request.message());
            }
            return signature;
        }, bytes -> {
            ThresholdKey key = load(request.key());
            byte[] signingKey = signingKey(key, request.path());
            // Checked on every return, journal replays included: a damaged or altered record must not hand out a
            // signature that does not verify (the coordinator already checked the original).
            if (!verifies(key, signingKey, request, bytes)) {
                throw new MpcClientException.ClusterFailure("INVALID_SIGNATURE", null, "the signature recorded for "
                        + "this idempotency key does not verify", null);
            }
            return new SignatureResult(request.key(), scheme(key), bytes, signingKey);
        });
    }

    @Override
    public CompletableFuture<KeyDescriptor> publicKey(KeyRef key) {
        return async(() -> descriptor(load(key)));
    }

    @Override
    public CompletableFuture<DerivedPublicKey> publicKey(KeyRef ref, DerivationPath path) {
        return async(() -> {
            ThresholdKey key = requireScheme(load(ref), SignatureScheme.ECDSA_SECP256K1, "derivation");
            EcdsaPublicKey root = EcdsaPublicKey.decode(key.groupPublicKey());
            Bip32.Derived d = Bip32.derive(root.point(), root.chainCode(), path.steps());
            return new DerivedPublicKey(ref, path, Secp256k1.encode(d.publicKey()), d.chainCode());
        });
    }

    /** What an idempotent operation does the first time; told whether an earlier attempt started and never finished. */
    private interface Work {
        byte[] run(boolean retryAfterStart);
    }

    /**
     * The journal protocol: a finished record answers at once (or conflicts); otherwise the record is marked started,
     * the work runs, and its result is recorded before anybody sees it. Concurrent calls with one key share one run.
     */
    private <T> CompletableFuture<T> idempotent(IdempotencyKey key, String operation, byte[] fingerprint, Work work,
                                                Function<byte[], T> decode) {
        CompletableFuture<byte[]> shared;
        synchronized (inFlight) {
            InFlight running = inFlight.get(key.value());
            if (running != null) {
                if (!running.operation().equals(operation) || !Arrays.equals(running.fingerprint(), fingerprint)) {
                    return CompletableFuture.failedFuture(conflict(key));
                }
                shared = running.work();
            } else {
                shared = CompletableFuture.supplyAsync(() -> {
                    Optional<IdempotencyJournal.Entry> earlier = journal.find(key);
                    if (earlier.isPresent() && !earlier.get().sameRequest(operation, fingerprint)) {
                        throw conflict(key);
                    }
                    if (earlier.isPresent() && earlier.get().state() == IdempotencyJournal.State.DONE) {
                        return earlier.get().result();
                    }
                    journal.record(key, new IdempotencyJournal.Entry(operation, fingerprint,
                            IdempotencyJournal.State.STARTED, new byte[0]));
                    byte[] result = work.run(earlier.isPresent());
                    journal.record(key, new IdempotencyJournal.Entry(operation, fingerprint,
                            IdempotencyJournal.State.DONE, result));
                    return result;
                }, executor);
                InFlight entry = new InFlight(operation, fingerprint, shared);
                inFlight.put(key.value(), entry);
                shared.whenComplete((r, t) -> inFlight.remove(key.value(), entry));
            }
        }
        return bounded(shared.thenApply(decode));
    }

    private <T> CompletableFuture<T> async(Supplier<T> body) {
        return bounded(CompletableFuture.supplyAsync(body, executor));
    }

    /** Bounds a call by the call timeout and turns every failure into a typed {@link MpcClientException}. */
    private <T> CompletableFuture<T> bounded(CompletableFuture<T> call) {
        CompletableFuture<T> out = new CompletableFuture<>();
        call.copy().orTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((value, failure) -> {
            if (failure == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(typed(failure));
            }
        });
        return out;
    }

    static MpcClientException typed(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
        if (t instanceof MpcClientException m) return m;
        if (t instanceof TimeoutException) {
            return new MpcClientException.Timeout("the call did not finish in time; retry with the same idempotency "
                    + "key", t);
        }
        if (t instanceof CoordinatorException e) {
            String culprit = e.culpritNode() == null ? null : e.culpritNode().value();
            if ("PRIME_POOL_EMPTY".equals(e.check())) {
                return new MpcClientException.PrimePoolEmpty(culprit, e.getMessage(), e);
            }
            return switch (e.code()) {
                case "INSUFFICIENT_NODES" -> new MpcClientException.InsufficientNodes(e.getMessage(), culprit, e);
                case "SESSION_ABORTED" -> culprit != null
                        ? new MpcClientException.CulpritNamed(culprit, e.check(), e.getMessage(), e)
                        : new MpcClientException.ClusterFailure(e.code(), e.check(), e.getMessage(), e);
                case "SESSION_TIMEOUT" -> new MpcClientException.Timeout(e.getMessage(), e);
                default -> new MpcClientException.ClusterFailure(e.code(), e.check(), e.getMessage(), e);
            };
        }
        if (t instanceof IllegalArgumentException) {
            return new MpcClientException.InvalidRequest(t.getMessage(), t);
        }
        return new MpcClientException.ClusterFailure("CLIENT_ERROR", null, t.getClass().getSimpleName() + ": "
                + t.getMessage(), t);
    }

    private static MpcClientException conflict(IdempotencyKey key) {
        return new MpcClientException.IdempotencyConflict("idempotency key " + key.value()
                + " was used for another operation or payload");
    }

    private static byte[] fingerprint(String... parts) {
        WireWriter w = new WireWriter("client.fingerprint");
        for (String p : parts) w.string(p);
        return IdempotencyJournal.sha256(w.toBytes());
    }

    private ThresholdKey load(KeyRef ref) {
        return decodeKey(journal.key(ref).orElseThrow(() -> new MpcClientException.UnknownKey(
                "no key " + ref.walletId() + "/" + ref.keyId() + " was generated through this client")));
    }

    private static ThresholdKey requireScheme(ThresholdKey key, SignatureScheme scheme, String what) {
        if (scheme(key) != scheme) {
            throw new MpcClientException.InvalidRequest(what + " needs a " + scheme + " key", null);
        }
        return key;
    }

    private static SignatureScheme scheme(ThresholdKey key) {
        return key.protocol().equals(EcdsaProtocolFactory.PROTOCOL) ? SignatureScheme.ECDSA_SECP256K1
                : SignatureScheme.FROST_ED25519;
    }

    private PresignatureRef presignatureRef(PresignatureHandle handle, KeyRef signingKey) {
        byte[] record = journal.presignature(handle.id()).orElseThrow(() -> new MpcClientException.InvalidRequest(
                "presignature " + handle.id() + " was not made through this client", null));
        WireReader in = new WireReader(record, "client.presignature");
        KeyRef owner = new KeyRef(in.string(), in.string());
        PresignatureRef ref = PresignatureRef.decode(in.bytes());
        in.end();
        if (!owner.equals(signingKey) || !owner.equals(handle.key())) {
            throw new MpcClientException.InvalidRequest("presignature " + handle.id() + " belongs to " + owner, null);
        }
        return ref;
    }

    private static byte[] signingKey(ThresholdKey key, DerivationPath path) {
        if (scheme(key) == SignatureScheme.FROST_ED25519) return key.groupPublicKey();
        EcdsaPublicKey root = EcdsaPublicKey.decode(key.groupPublicKey());
        return Secp256k1.encode(Bip32.derive(root.point(), root.chainCode(), path.steps()).publicKey());
    }

    private static boolean verifies(ThresholdKey key, byte[] signingKey, SignMessageRequest request, byte[] signature) {
        if (scheme(key) == SignatureScheme.FROST_ED25519) {
            if (signature.length != 64) return false;
            Ed25519Signer v = new Ed25519Signer();
            v.init(false, new Ed25519PublicKeyParameters(signingKey, 0));
            byte[] m = request.message();
            v.update(m, 0, m.length);
            return v.verifySignature(signature);
        }
        RecoverableSignature sig;
        try {
            sig = RecoverableSignature.decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        MessageDigest digest = request.hash() == MessageHash.KECCAK_256 ? MessageDigest.KECCAK_256 : MessageDigest.SHA_256;
        ECPoint point = Secp256k1.decode(signingKey);
        ECDSASigner v = new ECDSASigner();
        v.init(false, new ECPublicKeyParameters(point, new ECDomainParameters(Secp256k1.PARAMS)));
        return v.verifySignature(digest.digest(request.message()), sig.r(), sig.s());
    }

    private static KeyDescriptor descriptor(ThresholdKey key) {
        KeyRef ref = new KeyRef(key.wallet().value(), key.key().value());
        List<String> nodeIds = key.parties().values().stream().map(NodeId::value).toList();
        if (scheme(key) == SignatureScheme.ECDSA_SECP256K1) {
            EcdsaPublicKey pk = EcdsaPublicKey.decode(key.groupPublicKey());
            return new KeyDescriptor(ref, SignatureScheme.ECDSA_SECP256K1, key.threshold(), nodeIds, pk.compressedKey(),
                    pk.chainCode());
        }
        return new KeyDescriptor(ref, SignatureScheme.FROST_ED25519, key.threshold(), nodeIds, key.groupPublicKey(),
                new byte[0]);
    }

    static byte[] encodeKey(ThresholdKey key) {
        WireWriter w = new WireWriter("client.threshold-key").string(key.wallet().value()).string(key.key().value())
                .string(key.protocol()).integer(key.threshold()).integer(key.parties().size());
        key.parties().forEach((p, n) -> w.integer(p).string(n.value()));
        return w.bytes(key.groupPublicKey()).toBytes();
    }

    static ThresholdKey decodeKey(byte[] bytes) {
        WireReader in = new WireReader(bytes, "client.threshold-key");
        WalletId wallet = new WalletId(in.string());
        KeyId id = new KeyId(in.string());
        String protocol = in.string();
        int threshold = in.integer();
        int n = in.integer();
        Map<Integer, NodeId> parties = new TreeMap<>();
        for (int i = 0; i < n; i++) parties.put(in.integer(), new NodeId(in.string()));
        byte[] groupKey = in.bytes();
        in.end();
        return new ThresholdKey(wallet, id, protocol, threshold, parties, groupKey);
    }

    @Override
    public String toString() {
        return "ClusterMpcClient[" + nodes + "]";
    }
}
