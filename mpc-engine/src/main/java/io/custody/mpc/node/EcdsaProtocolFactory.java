package io.custody.mpc.node;

import io.custody.mpc.ecdsa.dkg.KeyShare;
import io.custody.mpc.ecdsa.dkg.KeyShareCodec;
import io.custody.mpc.ecdsa.dkg.KeygenParty;
import io.custody.mpc.ecdsa.paillier.SafePrimePool;
import io.custody.mpc.ecdsa.sign.EcdsaSignature;
import io.custody.mpc.ecdsa.round.PartyKeys;
import io.custody.mpc.ecdsa.sign.PresignParty;
import io.custody.mpc.ecdsa.sign.Presignature;
import io.custody.mpc.ecdsa.sign.SignParty;
import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.ShareSlot;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Runs threshold ECDSA (secp256k1) at one node, registered under {@link #PROTOCOL}; each operation runs the engine
 * machine of its phase, whose messages carry the engine's own protocol name (docs/adr/ecdsa-006):
 *
 * <ul>
 *   <li>KEYGEN ({@code ecdsa-secp256k1-keygen/1}): Paillier key from the node's safe-prime pool, stores the share
 *       (KeyShareCodec, in the encrypted share store), returns {@link EcdsaPublicKey} (joint key + chain code).</li>
 *   <li>REFRESH ({@code ecdsa-secp256k1-refresh/1}): replaces the stored share only once the run succeeded, drops the
 *       key's presignatures, returns the unchanged {@link EcdsaPublicKey}.</li>
 *   <li>PRESIGN ({@code ecdsa-secp256k1-presign/1}): keeps the presignature in memory, returns its
 *       {@link PresignatureRef}.</li>
 *   <li>SIGN ({@code ecdsa-secp256k1-sign/1}): the session message is an {@link EcdsaSignRequest}; takes the named
 *       presignature out of the stock (so it can be used once only, even by concurrent requests) and returns the
 *       65-byte {@link RecoverableSignature}.</li>
 * </ul>
 *
 * The session threshold is the number of signers (2 for 2-of-3), as for FROST; the engine's t is one less.
 * One instance belongs to one node ({@link #attach}): it holds that node's pool and presignatures.
 */
public final class EcdsaProtocolFactory implements ProtocolFactory {

    /** The name keys, sessions and share slots use for threshold ECDSA. */
    public static final String PROTOCOL = "ecdsa-secp256k1/1";
    /** The pool file of a prime size; one per size, so changing the level never mixes primes of two sizes. */
    static String poolFile(int primeBits) {
        return "ecdsa-safe-primes-" + primeBits + ".pool";
    }

    private final Path poolFile;
    private final EcdsaNodeSettings settings;
    private final PresignatureStock stock;
    private EncryptedShareStore store;
    private volatile NodeContext node;
    private SafePrimePool pool;

    /** @param nodeDataDir the node's data directory; the pool file lives there, sealed under the node's pool key */
    public EcdsaProtocolFactory(Path nodeDataDir, EcdsaNodeSettings settings) {
        this(nodeDataDir, settings, Clock.systemUTC());
    }

    EcdsaProtocolFactory(Path nodeDataDir, EcdsaNodeSettings settings, Clock clock) {
        this.poolFile = nodeDataDir.resolve(poolFile(settings.primeBits()));
        this.settings = settings;
        this.stock = new PresignatureStock(clock, settings.presignatureTtl(), settings.presignaturesPerKey());
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public synchronized void attach(NodeContext node) {
        if (store != null && store != node.store()) {
            throw new IllegalStateException("an ECDSA protocol factory serves one node; build one per node");
        }
        store = node.store();
        this.node = node;
        if (settings.openPoolAtStart()) {
            pool();
        }
    }

    /** The node's pool, opened on first need; opening starts the low-priority background fill up to the target. */
    synchronized SafePrimePool pool() {
        if (store == null) throw new IllegalStateException("factory not attached to a node");
        if (pool == null) {
            byte[] key = PrimePoolKey.loadOrCreate(store, new SecureRandom());
            try {
                pool = new SafePrimePool(poolFile, key, settings.primeBits(), settings.primePoolTarget(),
                        new SecureRandom());
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
        return pool;
    }

    /**
     * The pool, refusing when it holds fewer than the two primes a Paillier key needs: the pool would then search
     * inline, minutes of CPU while the peers' requests time out, so the caller is told to come back instead.
     */
    private SafePrimePool stockedPool() {
        SafePrimePool p = pool();
        if (p.size() < 2) {
            throw new SessionRefusedException(503, "PRIME_POOL_EMPTY", "this node's safe-prime stock is "
                    + p.size() + " (target " + settings.primePoolTarget() + "); the background search is filling it, "
                    + "retry key generation or refresh later");
        }
        return p;
    }

    @Override
    public NodeSession<?> open(SessionRequest r, int party, EncryptedShareStore shares, SecureRandom random) {
        ShareSlot slot = new ShareSlot(r.wallet(), r.key(), PROTOCOL);
        int t = r.threshold() - 1;
        if (r.operation() != Operation.KEYGEN) ledger().settle(slot);
        return switch (r.operation()) {
            case RESOLVE_REFRESH -> throw new UnsupportedOperationException("the node resolves refreshes itself");
            case KEYGEN -> {
                int n = r.parties().size();
                if (!r.parties().keySet().equals(IntStream.rangeClosed(1, n).boxed().collect(Collectors.toSet()))) {
                    throw new IllegalArgumentException("ECDSA key generation numbers its parties 1.." + n);
                }
                if (t < 1 || t >= n) throw new IllegalArgumentException("need 2 <= signers <= parties");
                if (shares.exists(slot)) {
                    // Its own code, so that a caller retrying a key generation can tell "done before" from a bad request.
                    throw new SessionRefusedException(409, "SHARE_EXISTS", "a share already exists for " + r.wallet()
                            + "/" + r.key());
                }
                yield new NodeSession<>(KeygenParty.keygen(r.sessionId(), party, n, t, stockedPool(), keys(r), random),
                        share -> persist(shares, slot, share), KeygenParty.KEYGEN_PROTOCOL);
            }
            case REFRESH -> {
                KeyShare old = load(shares, slot, party, r);
                SafePrimePool primes;
                try {
                    primes = stockedPool();
                } catch (SessionRefusedException e) {
                    old.destroy();
                    throw e;
                }
                RefreshLedger ledger = ledger();
                // The new share is kept pending next to the old one before this node acknowledges it, and replaces
                // it only under the certificate of every party's acknowledgement (docs/adr/frost-005).
                KeygenParty machine = KeygenParty.refresh(r.sessionId(), old, primes, keys(r), random, fresh -> {
                    byte[] plain = KeyShareCodec.encode(fresh);
                    try {
                        ledger.storePending(slot, new RefreshLedger.Pending(r.sessionId(), r.parties(),
                                KeygenParty.ackPayload(r.sessionId(), fresh), plain));
                    } finally {
                        Arrays.fill(plain, (byte) 0);
                    }
                });
                yield new NodeSession<>(machine, fresh -> {
                    ledger.commit(slot, machine.certificate());
                    byte[] result = new EcdsaPublicKey(fresh.publicKeyCompressed(), fresh.chainCode()).encode();
                    fresh.destroy();
                    old.destroy();
                    stock.discard(r.wallet(), r.key());
                    return result;
                }, KeygenParty.REFRESH_PROTOCOL);
            }
            case PRESIGN -> {
                if (r.message().length != 0) throw new IllegalArgumentException("ECDSA presigning takes no message");
                stock.requireRoom(r.wallet(), r.key());
                KeyShare share = load(shares, slot, party, r);
                yield new NodeSession<>(new PresignParty(r.sessionId(), share, r.active(), keys(r), random), p -> {
                    share.destroy();
                    stock.add(r.wallet(), r.key(), p);
                    return new PresignatureRef(p.id(), p.signers(), p.bigR().getEncoded(true)).encode();
                }, PresignParty.PROTOCOL);
            }
            case SIGN -> {
                EcdsaSignRequest request = EcdsaSignRequest.decode(r.message());
                Presignature p = stock.take(r.wallet(), r.key(), request.presignatureId());
                if (!p.signers().equals(r.active()) || p.partyIndex() != party) {
                    // Taken all the same: a presignature that was offered to a wrong run is not offered again.
                    PresignatureStock.destroy(p);
                    throw new IllegalArgumentException("presignature " + p.id() + " belongs to signers " + p.signers()
                            + ", this run has " + r.active());
                }
                yield new NodeSession<>(new SignParty(r.sessionId(), p, request.toEngineRequest(), keys(r)),
                        (EcdsaSignature sig) -> RecoverableSignature.of(sig).encode(), SignParty.PROTOCOL);
            }
        };
    }

    private RefreshLedger ledger() {
        NodeContext n = node;
        if (n == null) throw new IllegalStateException("factory not attached to a node");
        return n.refreshLedger();
    }

    /**
     * The run's message-signing keys: this node's identity key and, for every party of the request, the signing key
     * the roster lists for the node that plays it (the node has already refused parties missing from its roster).
     */
    private PartyKeys keys(SessionRequest r) {
        NodeContext n = node;
        if (n == null) throw new IllegalStateException("factory not attached to a node");
        Map<Integer, Ed25519PublicKeyParameters> peers = new TreeMap<>();
        r.parties().forEach((party, id) -> peers.put(party, new Ed25519PublicKeyParameters(
                n.roster().node(id).orElseThrow(() -> new IllegalArgumentException("node " + id + " not in roster"))
                        .keys().signing(), 0)));
        return new PartyKeys(n.identity().signingKey(), peers);
    }

    /** Unused presignatures this node holds for the key (monitoring, tests). */
    public int presignatures(io.custody.mpc.storage.WalletId wallet, io.custody.mpc.storage.KeyId key) {
        return stock.size(wallet, key);
    }

    private static KeyShare load(EncryptedShareStore shares, ShareSlot slot, int party, SessionRequest r) {
        byte[] plain = shares.get(slot);
        KeyShare share;
        try {
            share = KeyShareCodec.decode(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        if (share.partyIndex() != party || share.threshold() != r.threshold() - 1
                || share.parties().size() != r.parties().size()) {
            // The share's party index and threshold were fixed by key generation and win over the request.
            share.destroy();
            throw new IllegalArgumentException("request does not match this node's share (party " + party
                    + ", signers " + r.threshold() + ")");
        }
        return share;
    }

    private static byte[] persist(EncryptedShareStore shares, ShareSlot slot, KeyShare share) {
        byte[] plain = KeyShareCodec.encode(share);
        try {
            shares.put(slot, plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        byte[] result = new EcdsaPublicKey(share.publicKeyCompressed(), share.chainCode()).encode();
        share.destroy();
        return result;
    }

    @Override
    public synchronized void close() {
        stock.clear();
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    @Override
    public String toString() {
        return "EcdsaProtocolFactory[" + poolFile + " " + stock + "]";
    }
}
