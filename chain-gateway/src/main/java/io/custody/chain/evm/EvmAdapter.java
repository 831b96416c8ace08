package io.custody.chain.evm;

import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.BroadcastOutcome;
import io.custody.chain.ChainAdapter;
import io.custody.chain.ChainAddress;
import io.custody.chain.ChainException;
import io.custody.chain.ChainRef;
import io.custody.chain.DepositWatch;
import io.custody.chain.ExternalSignature;
import io.custody.chain.SignedTransaction;
import io.custody.chain.SignerPublicKey;
import io.custody.chain.TransferRequest;
import io.custody.chain.TxHash;
import io.custody.chain.TxStatus;
import io.custody.chain.UnsignedTransfer;
import io.custody.chain.rpc.FailoverRpc;
import io.custody.chain.token.RegisteredToken;
import io.custody.chain.rpc.RpcUnavailableException;
import io.custody.chain.store.InMemoryNonceStore;
import io.custody.chain.store.NonceStore;
import io.custody.chain.store.ScanPositionStore;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** The EVM implementation of {@link ChainAdapter}; one instance per chain. */
public final class EvmAdapter implements ChainAdapter {

    static final BigInteger NATIVE_TRANSFER_GAS = BigInteger.valueOf(21_000);
    /** Replacements must beat the stuck transaction by at least 10% on both prices; 12.5% leaves rounding headroom. */
    static final double REPLACEMENT_BUMP = 1.125;

    private final EvmChain chain;
    private final FailoverRpc rpc;
    private final NonceManager nonces;
    private final FeeOracle fees;
    private final EvmSignatureAssembler assembler;

    /** Nonce bookkeeping in memory only; see {@link #EvmAdapter(EvmChain, FailoverRpc, NonceStore)}. */
    public EvmAdapter(EvmChain chain, FailoverRpc rpc) {
        this(chain, rpc, new InMemoryNonceStore());
    }

    /** Nonce bookkeeping in {@code nonceStore} (use {@code JdbcNonceStore} wherever a restart must not lose it). */
    public EvmAdapter(EvmChain chain, FailoverRpc rpc, NonceStore nonceStore) {
        this.chain = chain;
        this.rpc = rpc.expectChainId(chain.chainId());
        this.nonces = new NonceManager(new RpcNonces(rpc), nonceStore, chain.ref());
        this.fees = new FeeOracle(chain, rpc);
        this.assembler = new EvmSignatureAssembler(chain);
    }

    @Override
    public ChainRef chain() {
        return chain.ref();
    }

    public EvmChain config() {
        return chain;
    }

    public NonceManager nonces() {
        return nonces;
    }

    @Override
    public ChainAddress deriveAddress(SignerPublicKey publicKey) {
        return EvmAddresses.fromPublicKey(publicKey);
    }

    @Override
    public UnsignedTransfer buildTransfer(TransferRequest request) {
        String to;
        BigInteger value;
        String data;
        if (request.asset() instanceof Asset.Native) {
            to = request.to().value();
            value = request.amount().baseUnits();
            data = "0x";
        } else if (request.asset() instanceof Asset.Token token) {
            to = token.contract().value();
            value = BigInteger.ZERO;
            data = Erc20.transferData(request.to(), request.amount().baseUnits());
        } else {
            throw new ChainException(ChainException.Code.UNSUPPORTED, "EVM cannot move " + request.asset());
        }
        return build(request.from(), to, value, data);
    }

    /**
     * Builds an unsigned call of {@code contract} with {@code data} (selector and ABI-encoded arguments), sending
     * {@code value} wei with it. The node estimates its gas, i.e. runs it: a call that would revert fails here with
     * the node's reason and reserves no nonce.
     */
    public UnsignedTransfer buildCall(ChainAddress from, ChainAddress contract, BigInteger value, String data) {
        if (data == null || !data.matches("0x([0-9a-fA-F]{2}){4,}")) {
            throw new ChainException(ChainException.Code.UNSUPPORTED, "a contract call needs a selector and its arguments");
        }
        if (value.signum() < 0) {
            throw new ChainException(ChainException.Code.UNSUPPORTED, "a call cannot send a negative value");
        }
        return build(from, contract.value(), value, data);
    }

    private UnsignedTransfer build(ChainAddress from, String to, BigInteger value, String data) {
        FeeQuote quote = fees.quote();
        BigInteger gas = estimateGas(from, to, value, data);
        BigInteger nonce = nonces.reserve(from);
        try {
            return unsigned(from, EvmTransactionCodec.build(chain, nonce, gas, to, value, data, quote));
        } catch (RuntimeException e) {
            nonces.release(from, nonce);
            throw e;
        }
    }

    /** Gives the nonce of a transfer that will never be signed or broadcast back to the pool. */
    public void abandon(UnsignedTransfer unsigned) {
        nonces.release(unsigned.from(), BigInteger.valueOf(unsigned.sequence()));
    }

    /** Same nonce and content, fees raised by at least 12.5% (and to the current market if that is higher). */
    public UnsignedTransfer buildReplacement(UnsignedTransfer stuck) {
        RawTransaction raw = EvmTransactionCodec.decodeUnsigned(chain, stuck.payload());
        FeeQuote bumped = fees.checkWithinCap(feesOf(raw).bumpedBy(REPLACEMENT_BUMP).atLeast(fees.quote()));
        return unsigned(stuck.from(), EvmTransactionCodec.build(chain, raw.getNonce(), raw.getGasLimit(), raw.getTo(),
                raw.getValue(), raw.getData(), bumped));
    }

    /** A zero-value transfer to self with the stuck nonce and bumped fees: once mined, the stuck one can never be. */
    public UnsignedTransfer buildCancellation(UnsignedTransfer stuck) {
        RawTransaction raw = EvmTransactionCodec.decodeUnsigned(chain, stuck.payload());
        FeeQuote bumped = fees.checkWithinCap(feesOf(raw).bumpedBy(REPLACEMENT_BUMP).atLeast(fees.quote()));
        return unsigned(stuck.from(), EvmTransactionCodec.build(chain, raw.getNonce(), NATIVE_TRANSFER_GAS,
                stuck.from().value(), BigInteger.ZERO, "0x", bumped));
    }

    @Override
    public SignedTransaction assemble(UnsignedTransfer unsigned, ExternalSignature signature) {
        return assembler.assemble(unsigned, signature);
    }

    /**
     * Sends the transaction. When the node refuses it (underpriced, insufficient funds, nonce already used), its nonce
     * is released and the sender reconciled with the node, so the next transfer neither skips nor reuses a nonce.
     */
    @Override
    public TxHash broadcast(SignedTransaction tx) {
        String hex = Numeric.toHexString(tx.raw());
        SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(hex);
        ChainAddress from;
        try {
            from = EvmAddresses.checksummed(decoded.getFrom());
        } catch (java.security.SignatureException e) {
            throw new ChainException(ChainException.Code.INVALID_SIGNATURE, "transaction has no valid sender");
        }
        EthSendTransaction r = rpc.call(w -> w.ethSendRawTransaction(hex).send());
        if (r.hasError()) {
            String msg = r.getError().getMessage();
            // A resend after a timeout may find the node already holding it: that is success, not failure.
            String lower = msg == null ? "" : msg.toLowerCase(java.util.Locale.ROOT);
            if (!(lower.contains("already known") || lower.contains("known transaction"))) {
                nonces.release(from, decoded.getNonce());
                nonces.reconcile(from);
                throw new ChainException(ChainException.Code.REJECTED_BY_NODE, "node rejected " + tx.hash() + ": " + msg);
            }
        } else if (!tx.hash().value().equalsIgnoreCase(r.getTransactionHash())) {
            throw new ChainException(ChainException.Code.REJECTED_BY_NODE,
                    "node reports hash " + r.getTransactionHash() + " for " + tx.hash());
        }
        nonces.markBroadcast(from, decoded.getNonce());
        return tx.hash();
    }

    /**
     * Success needs a receipt with status 1 and, for an ERC-20 {@code transfer}, the token's own {@code Transfer}
     * log for exactly that sender, recipient and amount (a token can return without moving anything, or the
     * "token" can be no contract at all). Success or failure is reported final only at the chain's finality.
     */
    /**
     * Sends the transaction and, on any error at all (a JSON-RPC error whatever its wording, a timeout, no endpoint
     * answering, a hash the node reports differently), looks it up on chain before saying anything: see
     * {@link #resolve}. Unlike {@link #broadcast} it never gives the nonce back to the pool: the caller holds signed
     * bytes for it. When even the lookup cannot be made, it throws {@code ChainException(RPC_UNAVAILABLE)} and the
     * outcome is unknown; ask {@link #resolve} again later.
     */
    @Override
    public BroadcastOutcome broadcastResolved(SignedTransaction tx) {
        SignedRawTransaction decoded = decodeSigned(tx);
        ChainAddress from = senderOf(decoded);
        String hex = Numeric.toHexString(tx.raw());
        String error;
        try {
            EthSendTransaction r = rpc.call(w -> w.ethSendRawTransaction(hex).send());
            if (!r.hasError() && tx.hash().value().equalsIgnoreCase(r.getTransactionHash())) {
                nonces.markBroadcast(from, decoded.getNonce());
                return new BroadcastOutcome.Accepted(tx.hash());
            }
            error = r.hasError() ? r.getError().getMessage() : "node reports hash " + r.getTransactionHash();
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        BroadcastOutcome outcome = resolve(tx, error);
        if (outcome instanceof BroadcastOutcome.Accepted || outcome instanceof BroadcastOutcome.Mined) {
            nonces.markBroadcast(from, decoded.getNonce());
        }
        return outcome;
    }

    /** Where a signed transaction stands on chain, e.g. after a restart; see {@link #resolve(SignedTransaction, String)}. */
    @Override
    public BroadcastOutcome resolve(SignedTransaction tx) {
        return resolve(tx, null);
    }

    /**
     * Looks the transaction up: a receipt means {@code Mined}, a pool entry {@code Accepted}; otherwise the sender's
     * counts tell whether its nonce was mined by another transaction, is held by another one in the pool, or is still
     * free ({@code NotFound}: rebroadcast the same bytes). The counts are read first, so a transaction mined while
     * we look is found by its receipt rather than mistaken for a conflict.
     */
    BroadcastOutcome resolve(SignedTransaction tx, String error) {
        SignedRawTransaction decoded = decodeSigned(tx);
        ChainAddress from = senderOf(decoded);
        BigInteger nonce = decoded.getNonce();
        try {
            BigInteger mined = new RpcNonces(rpc).minedCount(from);
            BigInteger pending = new RpcNonces(rpc).pendingCount(from);
            Optional<TransactionReceipt> receipt = FeeOracle.ok(rpc.call(w -> w.ethGetTransactionReceipt(tx.hash().value())
                    .send())).getTransactionReceipt();
            if (receipt.isPresent()) {
                return new BroadcastOutcome.Mined(tx.hash(), receipt.get().getBlockNumber().longValueExact());
            }
            if (FeeOracle.ok(rpc.call(w -> w.ethGetTransactionByHash(tx.hash().value()).send())).getTransaction().isPresent()) {
                return new BroadcastOutcome.Accepted(tx.hash());
            }
            if (mined.compareTo(nonce) > 0) {
                return new BroadcastOutcome.NonceConflict(tx.hash(), nonce.longValueExact(), true, error);
            }
            if (pending.compareTo(nonce) > 0) {
                return new BroadcastOutcome.NonceConflict(tx.hash(), nonce.longValueExact(), false, error);
            }
            return new BroadcastOutcome.NotFound(tx.hash(), error);
        } catch (RpcUnavailableException e) {
            throw new ChainException(ChainException.Code.RPC_UNAVAILABLE,
                    "outcome of " + tx.hash() + " unknown: the chain could not be asked", e);
        }
    }

    /**
     * Same nonce and content as the signed transaction, fees raised by at least 12.5% (and to the current market if
     * higher), for a transaction that waits too long in the pool. Refused when the original is already mined, since
     * a replacement could then only fail.
     */
    public UnsignedTransfer buildReplacement(SignedTransaction stuck) {
        if (resolve(stuck) instanceof BroadcastOutcome.Mined) {
            throw new ChainException(ChainException.Code.INVALID_TRANSACTION, stuck.hash() + " is already mined");
        }
        SignedRawTransaction raw = decodeSigned(stuck);
        FeeQuote bumped = fees.checkWithinCap(feesOf(raw).bumpedBy(REPLACEMENT_BUMP).atLeast(fees.quote()));
        return unsigned(senderOf(raw), EvmTransactionCodec.build(chain, raw.getNonce(), raw.getGasLimit(), raw.getTo(),
                raw.getValue(), raw.getData(), bumped));
    }

    private static SignedRawTransaction decodeSigned(SignedTransaction tx) {
        return (SignedRawTransaction) TransactionDecoder.decode(Numeric.toHexString(tx.raw()));
    }

    private static ChainAddress senderOf(SignedRawTransaction decoded) {
        try {
            return EvmAddresses.checksummed(decoded.getFrom());
        } catch (java.security.SignatureException e) {
            throw new ChainException(ChainException.Code.INVALID_SIGNATURE, "transaction has no valid sender");
        }
    }

    @Override
    public TxStatus status(TxHash hash) {
        Optional<TransactionReceipt> receipt = FeeOracle.ok(rpc.call(w -> w.ethGetTransactionReceipt(hash.value()).send()))
                .getTransactionReceipt();
        if (receipt.isEmpty()) {
            boolean known = FeeOracle.ok(rpc.call(w -> w.ethGetTransactionByHash(hash.value()).send())).getTransaction().isPresent();
            return known ? TxStatus.pending() : TxStatus.unknown();
        }
        TransactionReceipt r = receipt.get();
        long block = r.getBlockNumber().longValueExact();
        long head = headBlock();
        long confirmations = Math.max(0, head - block + 1);
        String failure = r.isStatusOK() ? missingTokenTransfer(hash, r) : "reverted";
        boolean isFinal = confirmations >= chain.confirmations()
                && block <= EvmDepositWatch.finalizedHeight(chain, rpc);
        if (!isFinal) {
            return new TxStatus(TxStatus.State.INCLUDED, block, confirmations, failure);
        }
        return new TxStatus(failure == null ? TxStatus.State.CONFIRMED : TxStatus.State.FAILED, block, confirmations,
                failure);
    }

    /** Null when the transaction is no token transfer or its Transfer log is there; else why it did not move tokens. */
    private String missingTokenTransfer(TxHash hash, TransactionReceipt receipt) {
        var tx = FeeOracle.ok(rpc.call(w -> w.ethGetTransactionByHash(hash.value()).send())).getTransaction();
        if (tx.isEmpty()) {
            return null;
        }
        Optional<Erc20.TransferCall> call = Erc20.decodeTransfer(tx.get().getInput());
        if (call.isEmpty() || tx.get().getTo() == null) {
            return null;
        }
        String token = tx.get().getTo();
        boolean logged = receipt.getLogs().stream().anyMatch(log -> Erc20.isTransferLog(log, token,
                tx.get().getFrom(), call.get().to(), call.get().amount()));
        return logged ? null : "token " + token + " emitted no Transfer log for this transfer";
    }

    @Override
    public Amount balance(ChainAddress owner, Asset asset) {
        if (asset instanceof Asset.Native) {
            return Amount.of(FeeOracle.ok(rpc.call(w -> w.ethGetBalance(owner.value(), DefaultBlockParameterName.LATEST).send()))
                    .getBalance());
        }
        if (asset instanceof Asset.Token token) {
            String result = FeeOracle.ok(rpc.call(w -> w.ethCall(Transaction.createEthCallTransaction(owner.value(),
                    token.contract().value(), Erc20.balanceOfData(owner)), DefaultBlockParameterName.LATEST).send())).getValue();
            return Amount.of(Numeric.toBigInt(result));
        }
        throw new ChainException(ChainException.Code.UNSUPPORTED, "EVM has no balance for " + asset);
    }

    /**
     * How much of {@code token} the mined transaction {@code hash} moved out of {@code owner}: the sum of the token
     * contract's own {@code Transfer} logs from {@code owner} in its receipt (what a contract call pulled with
     * {@code transferFrom}, for instance). Zero when the receipt has none; an unknown transaction is refused.
     */
    public BigInteger tokenOutflow(TxHash hash, Asset.Token token, ChainAddress owner) {
        TransactionReceipt receipt = FeeOracle.ok(rpc.call(w -> w.ethGetTransactionReceipt(hash.value()).send()))
                .getTransactionReceipt().orElseThrow(() -> new ChainException(ChainException.Code.INVALID_TRANSACTION,
                        "no receipt for " + hash));
        String fromTopic = Erc20.topic(owner);
        BigInteger total = BigInteger.ZERO;
        for (var log : receipt.getLogs()) {
            List<String> topics = log.getTopics();
            if (log.getAddress() != null && log.getAddress().equalsIgnoreCase(token.contract().value())
                    && topics != null && topics.size() == 3 && log.getData() != null && Erc20.TRANSFER_TOPIC.equalsIgnoreCase(topics.get(0))
                    && fromTopic.equalsIgnoreCase(topics.get(1))) {
                total = total.add(Numeric.toBigInt(log.getData()));
            }
        }
        return total;
    }

    /**
     * Reads a contract: {@code eth_call} of {@code data} on {@code contract} at the latest block (nothing is signed or
     * sent). A revert is {@code REJECTED_BY_NODE} with the node's reason; the answer is the returned ABI bytes as hex.
     */
    public String read(ChainAddress contract, String data) {
        var answer = FeeOracle.ok(rpc.call(w -> w.ethCall(Transaction.createEthCallTransaction(null,
                contract.value(), data), DefaultBlockParameterName.LATEST).send()));
        if (answer.isReverted()) {
            throw new ChainException(ChainException.Code.REJECTED_BY_NODE, "the call reverted: "
                    + answer.getRevertReason());
        }
        return answer.getValue();
    }

    @Override
    public DepositWatch watchDeposits(Set<ChainAddress> watched, Set<Asset> assets, long fromBlock) {
        return new EvmDepositWatch(chain, rpc, watched, assets, fromBlock);
    }

    /**
     * A watch whose position (next block, recent block hashes, reported deposits) is kept in {@code store} under
     * {@code watchId}; a stored position wins over {@code fromBlock}. Use one id per chain and watched set.
     */
    public DepositWatch watchDeposits(String watchId, Set<ChainAddress> watched, Set<Asset> assets, long fromBlock,
                                      ScanPositionStore store) {
        return new EvmDepositWatch(chain, rpc, watched, assets, fromBlock, java.util.Objects.requireNonNull(store),
                java.util.Objects.requireNonNull(watchId));
    }

    /**
     * Checks a registry entry against this chain: the native coin must have 18 decimals, and an ERC-20 contract must
     * exist and report the registered decimals itself. A wrong decimals entry would move amounts off by powers of ten.
     */
    public void verify(RegisteredToken token) {
        if (!token.chain().equals(chain.ref())) {
            throw new ChainException(ChainException.Code.UNSUPPORTED, token.symbol() + " is registered on " + token.chain()
                    + ", not on " + chain.ref());
        }
        if (token.asset() instanceof Asset.Native) {
            if (token.decimals() != 18) {
                throw new ChainException(ChainException.Code.INVALID_TRANSACTION,
                        token.symbol() + ": the native coin of " + chain.name() + " has 18 decimals, not " + token.decimals());
            }
            return;
        }
        if (!(token.asset() instanceof Asset.Token t)) {
            throw new ChainException(ChainException.Code.UNSUPPORTED, "EVM has no " + token.asset());
        }
        String code = FeeOracle.ok(rpc.call(w -> w.ethGetCode(t.contract().value(), DefaultBlockParameterName.LATEST).send()))
                .getCode();
        if (code == null || "0x".equals(code)) {
            throw new ChainException(ChainException.Code.INVALID_TRANSACTION,
                    token.symbol() + ": no contract at " + t.contract() + " on " + chain.name());
        }
        String result = FeeOracle.ok(rpc.call(w -> w.ethCall(Transaction.createEthCallTransaction(null,
                t.contract().value(), Erc20.decimalsData()), DefaultBlockParameterName.LATEST).send())).getValue();
        BigInteger onChain = result == null || "0x".equals(result) ? null : Numeric.toBigInt(result);
        if (onChain == null || onChain.intValue() != token.decimals() || onChain.bitLength() > 8) {
            throw new ChainException(ChainException.Code.INVALID_TRANSACTION, token.symbol() + ": contract "
                    + t.contract() + " reports " + onChain + " decimals, registry says " + token.decimals());
        }
    }

    public long headBlock() {
        return FeeOracle.ok(rpc.call(w -> w.ethBlockNumber().send())).getBlockNumber().longValueExact();
    }

    private BigInteger estimateGas(ChainAddress from, String to, BigInteger value, String data) {
        if ("0x".equals(data)) {
            String code = FeeOracle.ok(rpc.call(w -> w.ethGetCode(to, DefaultBlockParameterName.LATEST).send())).getCode();
            if (code == null || "0x".equals(code)) {
                return NATIVE_TRANSFER_GAS;
            }
        }
        BigInteger estimate = FeeOracle.ok(rpc.call(w -> w.ethEstimateGas(
                Transaction.createFunctionCallTransaction(from.value(), null, null, null, to, value, data)).send()))
                .getAmountUsed();
        // Token transfers can cost more when the recipient's balance slot is cold at inclusion time.
        return estimate.multiply(BigInteger.valueOf(12)).divide(BigInteger.TEN);
    }

    private FeeQuote feesOf(RawTransaction raw) {
        if (raw.getTransaction() instanceof org.web3j.crypto.transaction.type.Transaction1559 t) {
            return new FeeQuote(t.getMaxFeePerGas(), t.getMaxPriorityFeePerGas());
        }
        return new FeeQuote(raw.getGasPrice(), raw.getGasPrice().min(chain.maxPriorityFeePerGasCap()));
    }

    private UnsignedTransfer unsigned(ChainAddress from, RawTransaction raw) {
        byte[] payload = EvmTransactionCodec.unsignedPayload(chain, raw);
        return new UnsignedTransfer(chain.ref(), from, raw.getNonce().longValueExact(), payload,
                EvmTransactionCodec.digest(payload));
    }

    /** The node's nonce counts, read through the failover client. */
    private record RpcNonces(FailoverRpc rpc) implements NonceManager.ChainNonces {
        @Override
        public BigInteger minedCount(ChainAddress sender) {
            return FeeOracle.ok(rpc.call(w -> w.ethGetTransactionCount(sender.value(), DefaultBlockParameterName.LATEST).send()))
                    .getTransactionCount();
        }

        @Override
        public BigInteger pendingCount(ChainAddress sender) {
            return FeeOracle.ok(rpc.call(w -> w.ethGetTransactionCount(sender.value(), DefaultBlockParameterName.PENDING).send()))
                    .getTransactionCount();
        }
    }
}
