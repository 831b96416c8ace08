package io.custody.saga.withdrawal;

import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.CompleteWithdrawal;
import io.custody.api.withdrawal.FailWithdrawal;
import io.custody.api.withdrawal.ProposalId;
import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.BroadcastOutcome;
import io.custody.chain.ChainAddress;
import io.custody.chain.ChainException;
import io.custody.chain.ExternalSignature;
import io.custody.chain.SignedTransaction;
import io.custody.chain.TransferRequest;
import io.custody.chain.TxHash;
import io.custody.chain.TxStatus;
import io.custody.chain.UnsignedTransfer;
import io.custody.chain.evm.EvmAddresses;
import io.custody.mpc.client.DerivationPath;
import io.custody.mpc.client.IdempotencyKey;
import io.custody.mpc.client.KeyRef;
import io.custody.mpc.client.MessageHash;
import io.custody.mpc.client.MpcClient;
import io.custody.mpc.client.MpcClientException;
import io.custody.mpc.client.SignMessageRequest;
import io.custody.mpc.client.SignatureResult;
import io.custody.saga.withdrawal.ChainVersions.Found;
import io.custody.saga.withdrawal.WithdrawalJournal.Entry;
import io.custody.saga.withdrawal.WithdrawalJournal.State;
import io.custody.saga.withdrawal.WithdrawalJournal.Version;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.utils.Numeric;

/**
 * Carries one withdrawal from "execution started" to a confirmed transaction, resuming from its journal entry
 * whenever it is asked again (the saga asks on a persistent deadline, so also after a restart):
 * <ol>
 * <li>no entry: build the unsigned transfer through the chain gateway (the node estimates its gas, i.e. simulates
 * it: a transfer that would revert fails here and is never signed), check the sender can pay amount and fees, and
 * journal it with its nonce;</li>
 * <li>PREPARED: have the MPC cluster sign exactly the journaled bytes (Keccak-256 by the nodes; the idempotency key
 * is the proposal's, so signing again after a crash returns the same signature), assemble (the gateway recovers the
 * sender and refuses a signature of another key), and journal the signed bytes and hash before anything is sent;</li>
 * <li>SIGNED/BROADCAST: look the hash up first; send the journaled bytes unless the chain already knows them; any
 * broadcast error is resolved by looking the hash up again; then wait for the confirmation depth;</li>
 * <li>CONFIRMED or reverted at depth: complete or fail the proposal (commands are idempotent, so a crash after the
 * journal and before the command only repeats the command).</li>
 * </ol>
 * Once bytes are signed the withdrawal is never failed for a transient reason: it is failed only when the chain says
 * the transaction reverted. Before that, transient failures are retried with exponential backoff, then failed.
 *
 * <p>Those are the steps of EVM wallets. A plan of an Aptos wallet goes to {@link AptosWithdrawals} (given with
 * {@link #withAptos}), which keeps the same journal and guarantees with Ed25519 signatures (ADR exec-004).
 */
public class WithdrawalExecutor {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalExecutor.class);

    private final ExecutionChain chain;
    private final MpcClient mpc;
    private final WithdrawalJournal journal;
    private final CommandGateway commands;
    private final ExecutorService runs;
    private final Backoff backoff;
    private final Duration confirmationWait;
    private final FeeReplacement replacement;
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();
    private final Map<String, Object> senderLocks = new ConcurrentHashMap<>();
    private volatile Runnable beforeBroadcast = () -> { };
    private volatile Runnable afterBroadcast = () -> { };
    private volatile AptosWithdrawals aptos;
    private final FamilySteps evm = new FamilySteps() {
        @Override
        public Entry prepare(ExecutionPlan plan) {
            return WithdrawalExecutor.this.prepare(plan);
        }

        @Override
        public Entry sign(ExecutionPlan plan, Entry entry) {
            return WithdrawalExecutor.this.sign(plan, entry);
        }

        @Override
        public void sendAndConfirm(ExecutionPlan plan) {
            WithdrawalExecutor.this.sendAndConfirm(plan);
        }
    };

    public WithdrawalExecutor(ExecutionChain chain, MpcClient mpc, WithdrawalJournal journal, CommandGateway commands,
                              ExecutorService runs, Backoff backoff, Duration confirmationWait) {
        this(chain, mpc, journal, commands, runs, backoff, confirmationWait, FeeReplacement.DEFAULT);
    }

    public WithdrawalExecutor(ExecutionChain chain, MpcClient mpc, WithdrawalJournal journal, CommandGateway commands,
                              ExecutorService runs, Backoff backoff, Duration confirmationWait,
                              FeeReplacement replacement) {
        this.chain = chain;
        this.mpc = mpc;
        this.journal = journal;
        this.commands = commands;
        this.runs = runs;
        this.backoff = backoff;
        this.confirmationWait = confirmationWait;
        this.replacement = replacement;
    }

    /**
     * Executes the withdrawals of Aptos wallets on {@code network} too (ADR exec-004); without it they wait in
     * EXECUTING, unsigned, until an Aptos chain is configured. Renewals of expired transactions are capped by this
     * executor's {@link FeeReplacement#maxVersions()}.
     */
    public WithdrawalExecutor withAptos(AptosExecutionChain network) {
        this.aptos = new AptosWithdrawals(network, mpc, journal, this, confirmationWait,
                replacement.maxVersions());
        return this;
    }

    /** A fault-injection point for the crash tests: runs after the signed bytes are journaled, before any broadcast. */
    public void beforeBroadcast(Runnable hook) {
        this.beforeBroadcast = hook;
    }

    /**
     * A fault-injection point for the crash tests: runs once the chain knows the journaled transaction (accepted into
     * the pool or mined), before its confirmation is awaited and the proposal completed.
     */
    public void afterBroadcast(Runnable hook) {
        this.afterBroadcast = hook;
    }

    /** Starts (or resumes) the withdrawal in the background, unless a run for it is already under way here. */
    public void run(ExecutionPlan plan) {
        if (running.putIfAbsent(plan.proposalId(), Boolean.TRUE) != null) {
            return;
        }
        try {
            runs.execute(() -> {
                try {
                    execute(plan);
                } catch (RuntimeException e) {
                    log.warn("withdrawal {} stopped and resumes at the saga's next check: {}", plan.proposalId(),
                            e.toString());
                } finally {
                    running.remove(plan.proposalId());
                }
            });
        } catch (RuntimeException rejected) {
            running.remove(plan.proposalId());
            throw rejected;
        }
    }

    void execute(ExecutionPlan plan) {
        if (plan.isAptos()) {
            AptosWithdrawals onAptos = aptos;
            if (onAptos == null) {
                log.warn("withdrawal {} is from an Aptos wallet and no Aptos chain is configured "
                        + "(custody.chain.aptos.rest-urls); it waits, unsigned", plan.proposalId());
                return;
            }
            onAptos.execute(plan);
            return;
        }
        if (chain == null) {
            log.warn("withdrawal {} is from an EVM wallet and no EVM chain is configured; it waits, unsigned",
                    plan.proposalId());
            return;
        }
        resume(plan, evm);
    }

    /**
     * One chain family's steps. The journal's states, their order and what each means are {@link #resume}'s, the
     * same for every family.
     */
    interface FamilySteps {
        /** Builds and journals the unsigned transaction; {@code null} when the withdrawal failed before signing. */
        Entry prepare(ExecutionPlan plan);

        /** Signs the journaled bytes and journals the signed ones; {@code null} when the run stops here. */
        Entry sign(ExecutionPlan plan, Entry entry);

        /** Sends the journaled versions and settles the proposal once the chain has decided. */
        void sendAndConfirm(ExecutionPlan plan);
    }

    /** Carries a withdrawal on from wherever its journal entry stands, through {@code family}'s steps. */
    void resume(ExecutionPlan plan, FamilySteps family) {
        Entry entry = journal.find(plan.proposalId()).orElse(null);
        if (entry == null) {
            entry = family.prepare(plan);
            if (entry == null) {
                return; // failed before anything was signed
            }
        }
        if (entry.state() == State.PREPARED) {
            entry = family.sign(plan, entry);
            if (entry == null) {
                return;
            }
        }
        switch (entry.state()) {
            case SIGNED, BROADCAST -> family.sendAndConfirm(plan);
            case CONFIRMED -> complete(plan, journal.minedHash(plan.proposalId()));
            case FAILED -> fail(plan, "the withdrawal's transaction failed (see the journal)");
            default -> { }
        }
    }

    private Entry prepare(ExecutionPlan plan) {
        if (!plan.from().matches("0x[0-9a-fA-F]{40}")) {
            fail(plan, "withdrawals from " + plan.from() + " are not executed: only EVM wallets are, so far");
            return null;
        }
        Asset asset = chain.asset(plan.token()).orElse(null);
        if (asset == null) {
            fail(plan, "token " + plan.token() + " is not in the token registry of " + chain.adapter().config().name());
            return null;
        }
        ChainAddress from = EvmAddresses.parse(plan.from());
        ChainAddress to = EvmAddresses.parse(plan.to());
        BigInteger amount = new BigInteger(plan.amount());
        // the native coin this transaction itself sends, besides its fee: a call in a token's name sends none (its
        // amount is the most of that token the call may move, settled from the receipt when complete)
        BigInteger nativeValue = asset instanceof Asset.Native ? amount : BigInteger.ZERO;
        // One build at a time per sender, in this process and across every instance on the database, from the
        // nonce's reservation to its journal entry, so that a reservation without a journal entry is known to be an
        // orphan of a crash (see releaseOrphans).
        synchronized (senderLocks.computeIfAbsent(from.value().toLowerCase(java.util.Locale.ROOT), k -> new Object())) {
            return journal.underSenderLock(chain.adapter().chain().networkId(), from.value(),
                    () -> prepareLocked(plan, from, to, asset, amount, nativeValue));
        }
    }

    private Entry prepareLocked(ExecutionPlan plan, ChainAddress from, ChainAddress to, Asset asset, BigInteger amount,
                                BigInteger nativeValue) {
        releaseOrphans(from);
        UnsignedTransfer unsigned;
        try {
            unsigned = plan.isCall()
                    ? retrying("build", () -> chain.adapter().buildCall(from, to, nativeValue, plan.data()))
                    : retrying("build", () -> chain.adapter().buildTransfer(
                            new TransferRequest(from, to, asset, Amount.of(amount))));
        } catch (ChainException e) {
            fail(plan, (plan.isCall() ? "the call" : "the transfer")
                    + " cannot be built (it would revert or the node refused it): " + e.getMessage());
            return null;
        }
        String shortfall;
        try {
            shortfall = shortfall(from, nativeValue, unsigned);
        } catch (RuntimeException e) {
            chain.adapter().abandon(unsigned);
            throw e;
        }
        if (shortfall != null) {
            chain.adapter().abandon(unsigned);
            fail(plan, shortfall);
            return null;
        }
        Entry entry = journal.prepare(plan.proposalId(), plan.walletId(), chain.adapter().chain().networkId(),
                from.value(), unsigned.sequence(), unsigned.payload());
        if (!Arrays.equals(entry.unsignedTx(), unsigned.payload())) {
            chain.adapter().abandon(unsigned); // another run journaled its transfer first; that one goes out
        }
        return entry;
    }

    /**
     * Nonces stay reserved in PostgreSQL across restarts (the gateway's {@code JdbcNonceStore}), which is what keeps
     * a journaled but unsent transfer's nonce from being handed out again. A crash between a reservation and its
     * journal entry would leave a reservation nothing will ever send, and every later transfer of the wallet stuck
     * behind the gap: any reserved nonce of the sender that no journal entry holds is given back before a new one is
     * reserved (the nonce manager releases only reserved nonces, never broadcast ones).
     */
    private void releaseOrphans(ChainAddress from) {
        java.util.Set<Long> journaled = journal.noncesOf(chain.adapter().chain().networkId(), from.value());
        for (BigInteger nonce : chain.adapter().nonces().inFlight(from)) {
            if (!journaled.contains(nonce.longValueExact())) {
                chain.adapter().nonces().release(from, nonce);
            }
        }
    }

    /** Why the sender cannot pay the native value this transaction sends and its maximum fee, or {@code null}. */
    private String shortfall(ChainAddress from, BigInteger nativeValue, UnsignedTransfer unsigned) {
        RawTransaction raw = TransactionDecoder.decode(Numeric.toHexString(unsigned.payload()));
        BigInteger feePerGas = raw.getTransaction() instanceof Transaction1559 t ? t.getMaxFeePerGas() : raw.getGasPrice();
        BigInteger maxFee = raw.getGasLimit().multiply(feePerGas);
        BigInteger needed = maxFee.add(nativeValue);
        BigInteger balance = retrying("balance", () -> chain.adapter().balance(from, Asset.nativeCoin()))
                .baseUnits();
        return balance.compareTo(needed) < 0
                ? "the wallet's address holds " + balance + " wei of the native coin; this transfer needs up to "
                + needed + " (amount and maximum fee)"
                : null;
    }

    private Entry sign(ExecutionPlan plan, Entry entry) {
        SignatureResult signature;
        try {
            signature = retrying("sign", () -> mpc.sign(new IdempotencyKey("withdraw/" + plan.proposalId()),
                    new SignMessageRequest(new KeyRef(plan.walletId(), plan.keyId()), entry.unsignedTx(),
                            MessageHash.KECCAK_256, DerivationPath.ROOT)).join());
        } catch (MpcClientException e) {
            journal.finish(plan.proposalId(), State.FAILED, "signing failed: " + e.code());
            chain.adapter().abandon(unsigned(entry));
            fail(plan, "the MPC cluster did not sign: " + e.code());
            return null;
        }
        byte[] rsv = signature.signature();
        SignedTransaction signed;
        try {
            signed = chain.adapter().assemble(unsigned(entry), ecdsa(rsv));
        } catch (ChainException e) {
            // the signature does not recover to the wallet's address: nothing signed by another key ever goes out
            journal.finish(plan.proposalId(), State.FAILED, "assembly refused: " + e.code());
            chain.adapter().abandon(unsigned(entry));
            fail(plan, "the signature was refused: " + e.getMessage());
            return null;
        }
        Entry journaled = journal.signed(plan.proposalId(), signed.raw(), signed.hash().value());
        log.info("withdrawal {} signed and journaled as {} (nonce {})", plan.proposalId(), journaled.txHash(),
                journaled.nonce());
        return journaled;
    }

    private UnsignedTransfer unsigned(Entry entry) {
        return new UnsignedTransfer(chain.adapter().chain(), EvmAddresses.parse(entry.sender()), entry.nonce(),
                entry.unsignedTx(), Hash.sha3(entry.unsignedTx()));
    }

    private void sendAndConfirm(ExecutionPlan plan) {
        beforeBroadcast.run();
        List<Version> versions = journal.versions(plan.proposalId());
        Version last = versions.get(versions.size() - 1);
        Found mined = found(versions);
        if (!last.isSigned() && (mined == null || mined.status().state() == TxStatus.State.PENDING)) {
            // a replacement journaled unsigned before a crash: sign those very bytes (the same idempotency key)
            if (signReplacement(plan, last) == null) {
                return;
            }
            versions = journal.versions(plan.proposalId());
        }
        Found found = send(plan, versions);
        if (found == null) {
            return;
        }
        afterBroadcast.run();
        Instant seen = journal.seen(plan.proposalId());
        long deadline = System.nanoTime() + confirmationWait.toNanos();
        while (found.status().state() != TxStatus.State.CONFIRMED && found.status().state() != TxStatus.State.FAILED) {
            if (found.status().state() == TxStatus.State.PENDING && replacementDue(versions, seen)) {
                List<Version> more = replace(plan, versions);
                if (more != versions) {
                    versions = more;
                    Found sent = send(plan, versions);
                    found = sent == null ? found : sent;
                    seen = journal.seen(plan.proposalId());
                    continue;
                }
                seen = Instant.now(); // not replaced now (fee cap, funds): ask again after another wait
            }
            if (System.nanoTime() > deadline) {
                return; // still pending or below depth; the saga's next check carries on
            }
            pause(Duration.ofMillis(200));
            Found now = found(versions);
            found = now == null ? found : now;
        }
        TxHash hash = found.hash();
        if (found.status().state() == TxStatus.State.FAILED) {
            if (found.status().confirmations() < chain.adapter().config().confirmations()) {
                return; // a revert is final only at the confirmation depth
            }
            journal.finish(plan.proposalId(), State.FAILED, "reverted on chain in block " + found.status().blockNumber());
            fail(plan, "transaction " + hash + " reverted on chain");
            return;
        }
        journal.confirmed(plan.proposalId(), hash.value());
        complete(plan, hash.value());
    }


    /**
     * Gets the version being sent (the last signed one) to a node unless the chain already knows a version; answers
     * what the chain knows, or {@code null} when nothing reached it after the backoff's tries (the saga tries later).
     */
    private Found send(ExecutionPlan plan, List<Version> versions) {
        Version current = versions.stream().filter(Version::isSigned).reduce((a, b) -> b).orElseThrow();
        TxHash hash = new TxHash(current.txHash());
        SignedTransaction signed = new SignedTransaction(chain.adapter().chain(), current.signedTx(), hash);
        Found found = found(versions);
        for (int attempt = 1; found == null || found.status().state() == TxStatus.State.PENDING
                && !found.hash().equals(hash); attempt++) {
            if (attempt > backoff.attempts()) {
                log.warn("withdrawal {}: {} not accepted after {} tries; the saga tries again later",
                        plan.proposalId(), hash, backoff.attempts());
                return found; // an older version still in a pool, or nothing
            }
            pause(backoff.before(attempt));
            String error;
            try {
                // resolved by looking the hash and the sender's nonce up after any error; unlike a plain broadcast it
                // never gives the nonce back to the pool, which holds signed bytes for it (ADR chain-010)
                error = problem(plan, chain.adapter().broadcastResolved(signed), versions);
            } catch (RuntimeException e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            journal.broadcastAttempted(plan.proposalId(), error);
            // whatever the node answered, the chain's own record of the hashes decides
            found = found(versions);
            if (found == null && error != null) {
                log.info("withdrawal {}: broadcast of {} failed ({}); the chain does not know it yet", plan.proposalId(),
                        hash, error);
            }
        }
        return found;
    }

    /**
     * What the chain knows of the transaction's versions: a mined one if any (all share a nonce, so at most one is),
     * else the one being sent, else an older one still in a pool; {@code null} when it knows none.
     */
    private Found found(List<Version> versions) {
        return ChainVersions.found(versions, chain.adapter());
    }

    /** Whether the version being sent has waited in the pool (since {@code seen}) longer than the policy allows. */
    private boolean replacementDue(List<Version> versions, Instant seen) {
        return versions.size() < replacement.maxVersions() && seen != null
                && !seen.plus(replacement.after()).isAfter(Instant.now());
    }

    /**
     * Replaces the version being sent by the same transaction with higher fees: built by the gateway, checked to be
     * nothing else, journaled unsigned, signed by the MPC cluster, journaled signed; answers the versions then, or
     * the same list when no replacement was made (the fee cap is reached, the wallet cannot pay the higher fee, or
     * the transaction was mined meanwhile).
     */
    private List<Version> replace(ExecutionPlan plan, List<Version> versions) {
        Version current = versions.get(versions.size() - 1);
        SignedTransaction stuck = new SignedTransaction(chain.adapter().chain(), current.signedTx(),
                new TxHash(current.txHash()));
        UnsignedTransfer bumped;
        try {
            bumped = chain.adapter().buildReplacement(stuck);
        } catch (ChainException e) {
            log.warn("withdrawal {}: {} waits in the pool and is not replaced: {}", plan.proposalId(), stuck.hash(),
                    e.getMessage());
            return versions;
        }
        String problem = FeeReplacement.problem(versions.get(0).unsignedTx(), bumped.payload());
        if (problem != null) {
            log.error("withdrawal {}: the gateway's replacement was refused before signing: {}", plan.proposalId(),
                    problem);
            return versions;
        }
        String shortfall = shortfall(EvmAddresses.parse(plan.from()),
                assetIsNative(plan) ? new BigInteger(plan.amount()) : BigInteger.ZERO, bumped);
        if (shortfall != null) {
            log.warn("withdrawal {}: {} waits in the pool and is not replaced: {}", plan.proposalId(), stuck.hash(),
                    shortfall);
            return versions;
        }
        Version prepared = journal.prepareReplacement(plan.proposalId(), current.number() + 1, bumped.payload());
        if (signReplacement(plan, prepared) == null) {
            return versions;
        }
        List<Version> now = journal.versions(plan.proposalId());
        log.info("withdrawal {}: {} waited in the pool; replaced by {} (version {}, same nonce, higher fees)",
                plan.proposalId(), stuck.hash(), now.get(now.size() - 1).txHash(), now.size());
        return now;
    }

    /** Whether the plan's amount is native coin the transaction itself sends (a transfer or a call's value). */
    private boolean assetIsNative(ExecutionPlan plan) {
        return chain.asset(plan.token()).orElse(null) instanceof Asset.Native;
    }

    /**
     * Signs a journaled unsigned replacement under its own idempotency key (so signing it again after a crash returns
     * the same signature) and journals the signed bytes; {@code null} when it was not signed (checked again first:
     * only the approved transaction with higher fees is ever signed).
     */
    private Version signReplacement(ExecutionPlan plan, Version unsigned) {
        String problem = FeeReplacement.problem(journal.versions(plan.proposalId()).get(0).unsignedTx(),
                unsigned.unsignedTx());
        if (problem != null) {
            log.error("withdrawal {}: journaled replacement {} is not signed: {}", plan.proposalId(), unsigned.number(),
                    problem);
            return null;
        }
        Entry entry = journal.find(plan.proposalId()).orElseThrow();
        UnsignedTransfer transfer = new UnsignedTransfer(chain.adapter().chain(), EvmAddresses.parse(entry.sender()),
                entry.nonce(), unsigned.unsignedTx(), Hash.sha3(unsigned.unsignedTx()));
        SignatureResult signature;
        try {
            signature = retrying("sign replacement", () -> mpc.sign(new IdempotencyKey("withdraw/" + plan.proposalId()
                            + "/v" + unsigned.number()), new SignMessageRequest(new KeyRef(plan.walletId(), plan.keyId()),
                            unsigned.unsignedTx(), MessageHash.KECCAK_256, DerivationPath.ROOT)).join());
        } catch (MpcClientException e) {
            log.warn("withdrawal {}: replacement {} not signed ({}); the version sent stays", plan.proposalId(),
                    unsigned.number(), e.code());
            return null;
        }
        SignedTransaction signed;
        try {
            signed = chain.adapter().assemble(transfer, ecdsa(signature.signature()));
        } catch (ChainException e) {
            log.error("withdrawal {}: replacement {} signature refused: {}", plan.proposalId(), unsigned.number(),
                    e.getMessage());
            return null;
        }
        return journal.signedReplacement(plan.proposalId(), unsigned.number(), signed.raw(), signed.hash().value());
    }

    private static ExternalSignature.Ecdsa ecdsa(byte[] rsv) {
        return new ExternalSignature.Ecdsa(new BigInteger(1, Arrays.copyOfRange(rsv, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(rsv, 32, 64)), rsv[64]);
    }

    /** Why a broadcast did not get the transaction to a node, or {@code null} when a node holds or mined it. */
    private static String problem(ExecutionPlan plan, BroadcastOutcome outcome, List<Version> versions) {
        if (outcome instanceof BroadcastOutcome.NotFound notFound) {
            return "not accepted: " + notFound.error();
        }
        if (outcome instanceof BroadcastOutcome.NonceConflict conflict && versions.size() > 1) {
            // most likely another version of this very transaction holds the nonce; the lookup of every version
            // that follows tells, and an operator is needed only if none of them is on chain
            return "nonce " + conflict.nonce() + " held by another transaction: " + conflict.error();
        }
        if (outcome instanceof BroadcastOutcome.NonceConflict conflict) {
            // Never signed again: only an operator can tell what took the nonce (this key signs nothing else).
            log.error("withdrawal {}: nonce {} of its transaction {} is held by another transaction ({}); it is "
                    + "not signed again and waits for an operator", plan.proposalId(), conflict.nonce(),
                    conflict.hash(), conflict.minedByOther() ? "mined" : "in the pool");
            return "nonce " + conflict.nonce() + " held by another transaction"
                    + (conflict.minedByOther() ? " (mined)" : " (in the pool)") + ": " + conflict.error();
        }
        return null;
    }

    /** The chain's state of the hash, or {@code null} when no node we reach knows it (or none answers). */
    Backoff backoff() {
        return backoff;
    }

    Runnable beforeBroadcastHook() {
        return beforeBroadcast;
    }

    Runnable afterBroadcastHook() {
        return afterBroadcast;
    }

    void complete(ExecutionPlan plan, String txHash) {
        io.custody.api.money.Amount settled = null;
        if (plan.isCall() && chain.asset(plan.token()).orElse(null) instanceof Asset.Token token) {
            // what the call actually moved out of the wallet, as its receipt says; the ledger follows the chain
            BigInteger outflow = retrying("receipt", () -> chain.adapter().tokenOutflow(new TxHash(txHash), token,
                    EvmAddresses.parse(plan.from())));
            if (outflow.compareTo(new BigInteger(plan.amount())) > 0) {
                log.error("contract call {} moved {} {} out of the wallet, more than the {} its proposal declared",
                        plan.proposalId(), outflow, plan.token(), plan.amount());
            }
            settled = new io.custody.api.money.Amount(outflow);
        }
        commands.sendAndWait(new CompleteWithdrawal(WalletId.parse(plan.walletId()),
                ProposalId.parse(plan.proposalId()), txHash, settled));
        log.info("withdrawal {} completed with {}", plan.proposalId(), txHash);
    }

    void fail(ExecutionPlan plan, String reason) {
        log.warn("withdrawal {} failed: {}", plan.proposalId(), reason);
        commands.sendAndWait(new FailWithdrawal(WalletId.parse(plan.walletId()), ProposalId.parse(plan.proposalId()),
                reason));
    }

    /**
     * Retries a step on transient failures (an RPC endpoint or the MPC cluster not answering) with exponential
     * backoff; any other failure, and the last transient one, is the caller's.
     */
    <T> T retrying(String step, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            pause(backoff.before(attempt));
            try {
                return call.get();
            } catch (RuntimeException e) {
                RuntimeException failure = unwrap(e);
                if (attempt >= backoff.attempts() || !isTransient(failure)) {
                    throw failure;
                }
                log.info("{} failed ({}), try {} of {}", step, failure.toString(), attempt, backoff.attempts());
            }
        }
    }

    private static boolean isTransient(RuntimeException e) {
        if (e instanceof ChainException c) {
            return c.code() == ChainException.Code.RPC_UNAVAILABLE;
        }
        if (e instanceof MpcClientException m) {
            return switch (m.code()) {
                case INSUFFICIENT_NODES, TIMEOUT, CLUSTER_FAILURE -> true;
                default -> false;
            };
        }
        return false;
    }

    private static RuntimeException unwrap(RuntimeException e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof RuntimeException r ? r : e;
    }

    static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
