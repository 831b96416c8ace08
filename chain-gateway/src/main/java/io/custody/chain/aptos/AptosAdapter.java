package io.custody.chain.aptos;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.BroadcastOutcome;
import io.custody.chain.ChainAdapter;
import io.custody.chain.ChainAddress;
import io.custody.chain.ChainException;
import io.custody.chain.ChainRef;
import io.custody.chain.ExternalSignature;
import io.custody.chain.SignedTransaction;
import io.custody.chain.SignerPublicKey;
import io.custody.chain.TransferRequest;
import io.custody.chain.TxHash;
import io.custody.chain.TxStatus;
import io.custody.chain.UnsignedTransfer;
import io.custody.chain.evm.NonceManager;
import io.custody.chain.store.InMemoryNonceStore;
import io.custody.chain.store.NonceStore;
import io.custody.chain.store.ScanPositionStore;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Aptos implementation of {@link ChainAdapter}. Ed25519 cannot recover a public key from a signature, so the
 * adapter remembers the key of every address it derived (single or multi) and verifies signatures against it.
 */
public final class AptosAdapter implements ChainAdapter {

    static final String APT = "0x1::aptos_coin::AptosCoin";

    private final AptosChain chain;
    private final AptosRestClient rest;
    private final Clock clock;
    private final Map<AptosAddress, SignerPublicKey.Ed25519> singleKeys = new ConcurrentHashMap<>();
    private final Map<AptosAddress, MultiEd25519PublicKey> multiKeys = new ConcurrentHashMap<>();
    private final NonceManager sequences;

    /** Sequence bookkeeping in memory only; see {@link #AptosAdapter(AptosChain, AptosRestClient, Clock, NonceStore)}. */
    public AptosAdapter(AptosChain chain, AptosRestClient rest, Clock clock) {
        this(chain, rest, clock, new InMemoryNonceStore());
    }

    /**
     * Sequence numbers kept in {@code sequenceStore} (the same {@link NonceStore} as EVM nonces, keyed by the Aptos
     * chain): the node only reports the committed sequence number, so the numbers of submitted transactions still
     * waiting in the mempool exist only in this bookkeeping, and must survive a restart.
     */
    public AptosAdapter(AptosChain chain, AptosRestClient rest, Clock clock, NonceStore sequenceStore) {
        this.chain = chain;
        this.rest = rest.expectChainId(chain.chainId());
        this.clock = clock;
        this.sequences = new NonceManager(new CommittedSequence(rest), sequenceStore, chain.ref());
    }

    /** The sequence bookkeeping (reserved, submitted, released numbers per account), for observation and tests. */
    public NonceManager sequences() {
        return sequences;
    }

    @Override
    public ChainRef chain() {
        return chain.ref();
    }

    @Override
    public ChainAddress deriveAddress(SignerPublicKey publicKey) {
        if (!(publicKey instanceof SignerPublicKey.Ed25519 k)) {
            throw new ChainException(ChainException.Code.INVALID_PUBLIC_KEY, "Aptos needs an Ed25519 key");
        }
        AptosAddress a = AuthenticationKeys.ed25519(k);
        singleKeys.put(a, k);
        return a.toChainAddress();
    }

    /** The address of a k-of-n MultiEd25519 account (its authentication key). */
    public ChainAddress deriveMultiAddress(MultiEd25519PublicKey key) {
        AptosAddress a = AuthenticationKeys.multiEd25519(key);
        multiKeys.put(a, key);
        return a.toChainAddress();
    }

    @Override
    public UnsignedTransfer buildTransfer(TransferRequest request) {
        AptosAddress from = AptosAddress.of(request.from());
        AptosAddress to = AptosAddress.of(request.to());
        long amount = request.amount().baseUnits().longValueExact();
        EntryFunction payload;
        if (request.asset() instanceof Asset.Native) {
            payload = EntryFunction.aptTransfer(to, amount);
        } else if (request.asset() instanceof Asset.CoinType c) {
            payload = EntryFunction.coinTransfer(TypeTag.Struct.parse(c.moveType()), to, amount);
        } else {
            throw new ChainException(ChainException.Code.UNSUPPORTED, "Aptos cannot move " + request.asset());
        }
        long gasPrice = rest.estimateGasUnitPrice();
        long sequence = reserveSequence(from);
        long expiry = clock.instant().plus(chain.expiry()).getEpochSecond();
        RawTransaction raw = new RawTransaction(from, sequence, payload, chain.maxGasAmount(), gasPrice, expiry, chain.chainId());
        byte[] bcs = raw.bcs();
        return new UnsignedTransfer(chain.ref(), request.from(), sequence, bcs, RawTransaction.signingMessage(bcs));
    }

    @Override
    public SignedTransaction assemble(UnsignedTransfer unsigned, ExternalSignature signature) {
        if (!(signature instanceof ExternalSignature.Ed25519 sig)) {
            throw new ChainException(ChainException.Code.INVALID_SIGNATURE, "Aptos transactions need an Ed25519 signature");
        }
        AptosAddress from = AptosAddress.of(unsigned.from());
        SignerPublicKey.Ed25519 key = singleKeys.get(from);
        if (key == null) {
            throw new ChainException(ChainException.Code.SIGNER_MISMATCH, "no Ed25519 key known for " + from);
        }
        return finish(unsigned, new TransactionAuthenticator.Ed25519(key, sig.bytes()));
    }

    /** Assembles a MultiEd25519 transaction from the signatures of at least {@code threshold} of the keys. */
    public SignedTransaction assembleMulti(UnsignedTransfer unsigned, SortedMap<Integer, byte[]> signaturesByKeyIndex) {
        AptosAddress from = AptosAddress.of(unsigned.from());
        MultiEd25519PublicKey key = multiKeys.get(from);
        if (key == null) {
            throw new ChainException(ChainException.Code.SIGNER_MISMATCH, "no MultiEd25519 key known for " + from);
        }
        return finish(unsigned, new TransactionAuthenticator.MultiEd25519(key, signaturesByKeyIndex));
    }

    private SignedTransaction finish(UnsignedTransfer unsigned, TransactionAuthenticator auth) {
        byte[] rawBcs = unsigned.payload();
        byte[] message = RawTransaction.signingMessage(rawBcs);
        if (!Arrays.equals(message, unsigned.signingDigest())) {
            throw new ChainException(ChainException.Code.INVALID_TRANSACTION, "signing message does not match the payload");
        }
        // The sender field is the first 32 bytes of the raw transaction; the key must own that account.
        if (!Arrays.equals(Arrays.copyOf(rawBcs, 32), auth.authenticationKey().bytes())
                || !auth.authenticationKey().toChainAddress().equals(AptosAddress.of(unsigned.from()).toChainAddress())) {
            throw new ChainException(ChainException.Code.SIGNER_MISMATCH, "key does not own sender " + unsigned.from());
        }
        auth.verify(message);
        SignedAptosTransaction signed = new SignedAptosTransaction(rawBcs, auth);
        return new SignedTransaction(chain.ref(), signed.bcs(), new TxHash("0x" + HexFormat.of().formatHex(signed.hash())));
    }

    /**
     * Submits. A refused submission did not consume its sequence number: it goes back to the pool for the next
     * transfer, while the numbers of other transactions still waiting in the mempool stay taken.
     */
    @Override
    public TxHash broadcast(SignedTransaction transaction) {
        AptosAddress sender = senderOf(transaction);
        BigInteger sequence = BigInteger.valueOf(sequenceOf(transaction));
        String hash;
        try {
            hash = rest.submit(transaction.raw());
        } catch (ChainException e) {
            if (e.code() == ChainException.Code.REJECTED_BY_NODE) {
                sequences.release(sender.toChainAddress(), sequence);
            }
            throw e;
        }
        if (!transaction.hash().value().equalsIgnoreCase(hash)) {
            throw new ChainException(ChainException.Code.REJECTED_BY_NODE,
                    "node reports hash " + hash + " for " + transaction.hash());
        }
        sequences.markBroadcast(sender.toChainAddress(), sequence);
        return transaction.hash();
    }

    /**
     * Submits and, on any error, looks the transaction up by hash before saying anything (ADR chain-010): committed
     * is {@code Mined} (its success is for {@link #status}), pending is {@code Accepted}; otherwise a committed
     * sequence number past this one is a {@code NonceConflict} (another transaction used it), else {@code NotFound}.
     * The mempool of an Aptos node cannot be asked by sender, so a conflict there is not detectable before commit.
     */
    @Override
    public BroadcastOutcome broadcastResolved(SignedTransaction transaction) {
        AptosAddress sender = senderOf(transaction);
        BigInteger sequence = BigInteger.valueOf(sequenceOf(transaction));
        String error;
        try {
            String hash = rest.submit(transaction.raw());
            if (transaction.hash().value().equalsIgnoreCase(hash)) {
                sequences.markBroadcast(sender.toChainAddress(), sequence);
                return new BroadcastOutcome.Accepted(transaction.hash());
            }
            error = "node reports hash " + hash;
        } catch (ChainException e) {
            error = e.getMessage();
        }
        BroadcastOutcome outcome = resolve(transaction, error);
        if (outcome instanceof BroadcastOutcome.Accepted || outcome instanceof BroadcastOutcome.Mined) {
            sequences.markBroadcast(sender.toChainAddress(), sequence);
        }
        return outcome;
    }

    /** Where a submitted transaction stands, e.g. after a restart; see {@link #broadcastResolved}. */
    @Override
    public BroadcastOutcome resolve(SignedTransaction transaction) {
        return resolve(transaction, null);
    }

    private BroadcastOutcome resolve(SignedTransaction transaction, String error) {
        long sequence = sequenceOf(transaction);
        long committed = rest.sequenceNumber(senderOf(transaction));
        Optional<JsonNode> tx = rest.transactionByHash(transaction.hash().value());
        if (tx.isPresent()) {
            JsonNode t = tx.get();
            if ("pending_transaction".equals(t.path("type").asText())) {
                return new BroadcastOutcome.Accepted(transaction.hash());
            }
            return new BroadcastOutcome.Mined(transaction.hash(), t.path("version").asLong(-1));
        }
        if (Long.compareUnsigned(committed, sequence) > 0) {
            return new BroadcastOutcome.NonceConflict(transaction.hash(), sequence, true, error);
        }
        return new BroadcastOutcome.NotFound(transaction.hash(), error);
    }

    /** The sender is the first 32 bytes of the raw transaction, its sequence number the next 8 (little-endian). */
    private static AptosAddress senderOf(SignedTransaction t) {
        return new AptosAddress(Arrays.copyOf(t.raw(), 32));
    }

    private static long sequenceOf(SignedTransaction t) {
        byte[] raw = t.raw();
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (raw[32 + i] & 0xff);
        }
        return v;
    }

    @Override
    public TxStatus status(TxHash hash) {
        Optional<JsonNode> tx = rest.transactionByHash(hash.value());
        if (tx.isEmpty()) {
            return TxStatus.unknown();
        }
        JsonNode t = tx.get();
        if ("pending_transaction".equals(t.path("type").asText())) {
            return TxStatus.pending();
        }
        long version = t.path("version").asLong(-1);
        // Aptos has deterministic finality: a committed transaction is final, so it counts as confirmed at once.
        return t.path("success").asBoolean(false)
                ? new TxStatus(TxStatus.State.CONFIRMED, version, 1)
                : new TxStatus(TxStatus.State.FAILED, version, 1);
    }

    @Override
    public Amount balance(ChainAddress owner, Asset asset) {
        String coin;
        if (asset instanceof Asset.Native) {
            coin = APT;
        } else if (asset instanceof Asset.CoinType c) {
            coin = c.moveType();
        } else {
            throw new ChainException(ChainException.Code.UNSUPPORTED, "Aptos has no balance for " + asset);
        }
        return Amount.of(rest.coinBalance(AptosAddress.of(owner), coin));
    }

    /**
     * Watches deposits from block height {@code fromBlock}: APT ({@link Asset.Native}), coins ({@link Asset.CoinType})
     * and fungible assets ({@link Asset.Token} with the metadata object address). The returned watch's
     * {@link AptosDepositWatch#nextBlock()} is the cursor to persist (ADR chain-007).
     */
    @Override
    public AptosDepositWatch watchDeposits(Set<ChainAddress> watched, Set<Asset> assets, long fromBlock) {
        return new AptosDepositWatch(rest, watched, assets, fromBlock, AptosDepositWatch.DEFAULT_MAX_BLOCKS_PER_POLL);
    }

    /**
     * As {@link #watchDeposits(Set, Set, long)}, with the cursor kept in {@code store} under {@code watchId}: a stored
     * cursor wins over {@code fromBlock}, so a new instance after a restart continues where the old one stopped.
     */
    public AptosDepositWatch watchDeposits(String watchId, Set<ChainAddress> watched, Set<Asset> assets, long fromBlock,
                                           ScanPositionStore store) {
        return watchDeposits(watched, assets, fromBlock).storedIn(java.util.Objects.requireNonNull(store),
                java.util.Objects.requireNonNull(watchId));
    }

    /**
     * Sequence numbers start from the node's committed one the first time an account is used, then come from the
     * bookkeeping, so back-to-back transfers and transfers still in the mempool never share one.
     */
    private long reserveSequence(AptosAddress from) {
        return sequences.reserve(from.toChainAddress()).longValueExact();
    }

    /**
     * Realigns with the node's committed sequence number (after a transaction expired unexecuted, or another
     * instance used the account): numbers below it are forgotten, the next one never falls below it, and numbers of
     * submitted transactions not yet committed are reported in {@code lost()} for the caller to look up.
     */
    public NonceManager.Reconciliation resyncSequence(AptosAddress account) {
        return sequences.reconcile(account.toChainAddress());
    }

    /** Aptos reports only the committed sequence number; what waits in the mempool is this gateway's own bookkeeping. */
    private record CommittedSequence(AptosRestClient rest) implements NonceManager.ChainNonces {
        @Override
        public BigInteger minedCount(ChainAddress sender) {
            return new BigInteger(Long.toUnsignedString(rest.sequenceNumber(AptosAddress.of(sender))));
        }

        @Override
        public BigInteger pendingCount(ChainAddress sender) {
            return minedCount(sender);
        }
    }
}
