package io.custody.chain.aptos;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.chain.Amount;
import io.custody.chain.Asset;
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
    private final Map<AptosAddress, Long> nextSequence = new ConcurrentHashMap<>();

    public AptosAdapter(AptosChain chain, AptosRestClient rest, Clock clock) {
        this.chain = chain;
        this.rest = rest;
        this.clock = clock;
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

    /** Submits; a refused submission did not consume its sequence number, so the next build re-reads it from the node. */
    @Override
    public TxHash broadcast(SignedTransaction transaction) {
        String hash;
        try {
            hash = rest.submit(transaction.raw());
        } catch (ChainException e) {
            resyncSequence(new AptosAddress(Arrays.copyOf(transaction.raw(), 32)));
            throw e;
        }
        if (!transaction.hash().value().equalsIgnoreCase(hash)) {
            throw new ChainException(ChainException.Code.REJECTED_BY_NODE,
                    "node reports hash " + hash + " for " + transaction.hash());
        }
        return transaction.hash();
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

    /** Sequence numbers come from the node the first time, then locally, so back-to-back transfers never collide. */
    private long reserveSequence(AptosAddress from) {
        return nextSequence.compute(from, (a, next) -> (next == null ? rest.sequenceNumber(a) : next) + 1) - 1;
    }

    /** Re-reads the node's sequence number, after a restart or when a transaction expired unexecuted. */
    public void resyncSequence(AptosAddress account) {
        nextSequence.remove(account);
    }
}
