package io.custody.saga.withdrawal;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.BroadcastOutcome;
import io.custody.chain.ChainAddress;
import io.custody.chain.ChainException;
import io.custody.chain.ExternalSignature;
import io.custody.chain.SignedTransaction;
import io.custody.chain.SignerPublicKey;
import io.custody.chain.TransferRequest;
import io.custody.chain.TxHash;
import io.custody.chain.TxStatus;
import io.custody.chain.UnsignedTransfer;
import io.custody.chain.aptos.AptosAddress;
import io.custody.mpc.client.DerivationPath;
import io.custody.mpc.client.IdempotencyKey;
import io.custody.mpc.client.KeyDescriptor;
import io.custody.mpc.client.KeyRef;
import io.custody.mpc.client.MessageHash;
import io.custody.mpc.client.MpcClient;
import io.custody.mpc.client.MpcClientException;
import io.custody.mpc.client.SignMessageRequest;
import io.custody.mpc.client.SignatureResult;
import io.custody.mpc.client.SignatureScheme;
import io.custody.saga.withdrawal.ChainVersions.Found;
import io.custody.saga.withdrawal.WithdrawalJournal.Entry;
import io.custody.saga.withdrawal.WithdrawalJournal.State;
import io.custody.saga.withdrawal.WithdrawalJournal.Version;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Aptos branch of the {@link WithdrawalExecutor}: the same journal and the same guarantees as the EVM branch
 * (ADR exec-004), with what Aptos does differently.
 * <ol>
 * <li>no entry: the wallet's FROST Ed25519 public key is read from the MPC cluster and its authentication key must
 * be the wallet's address (the sender); the transfer is built by the gateway with the next sequence number, the
 * sender must hold amount and maximum gas fee, and the raw transaction is journaled with its sequence number;</li>
 * <li>PREPARED: the cluster signs the Aptos signing message ({@code sha3-256("APTOS::RawTransaction") || bcs}) as it
 * is ({@link MessageHash#ED25519_PURE}), under the proposal's idempotency key; the gateway assembles the Ed25519
 * authenticator, verifying the signature under the key and that the key's authentication key is the sender, and the
 * signed bytes and hash are journaled before anything is sent;</li>
 * <li>SIGNED/BROADCAST: the hashes of every version are looked up first; the journaled bytes are submitted unless
 * the chain knows one; any submission error is resolved by looking the hash up; a committed transaction is final
 * (BFT finality): success completes the proposal, a Move abort fails it;</li>
 * <li>a version the ledger's clock has passed the expiration of, not committed, can never be: only then is a new
 * version signed, the same bytes with a later expiration (same sequence number, so at most one version commits).
 * After {@code maxVersions} dead versions the proposal fails, and its sequence number is given back.</li>
 * </ol>
 */
final class AptosWithdrawals implements WithdrawalExecutor.FamilySteps {

    private static final Logger log = LoggerFactory.getLogger(AptosWithdrawals.class);

    private final AptosExecutionChain chain;
    private final MpcClient mpc;
    private final WithdrawalJournal journal;
    private final WithdrawalExecutor steps;
    private final Duration confirmationWait;
    private final int maxVersions;
    private final Map<String, Object> senderLocks = new ConcurrentHashMap<>();

    AptosWithdrawals(AptosExecutionChain chain, MpcClient mpc, WithdrawalJournal journal, WithdrawalExecutor steps,
                     Duration confirmationWait, int maxVersions) {
        this.chain = chain;
        this.mpc = mpc;
        this.journal = journal;
        this.steps = steps;
        this.confirmationWait = confirmationWait;
        this.maxVersions = maxVersions;
    }

    void execute(ExecutionPlan plan) {
        steps.resume(plan, this);
    }

    /** Thrown when the wallet's key is not one Aptos accepts for its address; the withdrawal fails with it. */
    private static final class KeyRefused extends RuntimeException {
        KeyRefused(String message) {
            super(message);
        }
    }

    /**
     * The wallet's Ed25519 public key from the MPC cluster, checked to own the sender address (its authentication key
     * is the address, as provisioning derived it) and made known to the adapter, which verifies signatures with it.
     */
    private SignerPublicKey.Ed25519 walletKey(ExecutionPlan plan) {
        KeyDescriptor key = steps.retrying("public key",
                () -> mpc.publicKey(new KeyRef(plan.walletId(), plan.keyId())).join());
        if (key.scheme() != SignatureScheme.FROST_ED25519) {
            throw new KeyRefused("the wallet's key is " + key.scheme() + ", an Aptos account needs FROST Ed25519");
        }
        SignerPublicKey.Ed25519 publicKey = new SignerPublicKey.Ed25519(key.publicKey());
        ChainAddress derived = chain.adapter().deriveAddress(publicKey);
        if (!derived.value().equalsIgnoreCase(plan.from())) {
            throw new KeyRefused("the authentication key of the wallet's key is " + derived.value()
                    + ", not the sender " + plan.from());
        }
        return publicKey;
    }

    @Override
    public Entry prepare(ExecutionPlan plan) {
        Asset asset = chain.asset(plan.token()).orElse(null);
        if (asset == null) {
            steps.fail(plan, "token " + plan.token() + " is not in the token registry of " + chain.network().name());
            return null;
        }
        ChainAddress from;
        ChainAddress to;
        try {
            from = AptosAddress.parse(plan.from().toLowerCase(Locale.ROOT)).toChainAddress();
            to = AptosAddress.parse(plan.to().toLowerCase(Locale.ROOT)).toChainAddress();
        } catch (IllegalArgumentException e) {
            steps.fail(plan, "not an Aptos transfer: " + e.getMessage());
            return null;
        }
        try {
            walletKey(plan);
        } catch (KeyRefused | MpcClientException e) {
            steps.fail(plan, "the wallet's key cannot sign for its address: " + e.getMessage());
            return null;
        }
        BigInteger amount = new BigInteger(plan.amount());
        // one build at a time per sender, here and across instances on the database (see the EVM branch)
        synchronized (senderLocks.computeIfAbsent(from.value(), k -> new Object())) {
            return journal.underSenderLock(chain.journalChain(), from.value(),
                    () -> prepareLocked(plan, from, to, asset, amount));
        }
    }

    private Entry prepareLocked(ExecutionPlan plan, ChainAddress from, ChainAddress to, Asset asset,
                                BigInteger amount) {
        releaseOrphans(from);
        UnsignedTransfer unsigned;
        try {
            unsigned = steps.retrying("build", () -> chain.adapter().buildTransfer(
                    new TransferRequest(from, to, asset, Amount.of(amount))));
        } catch (ChainException | ArithmeticException e) {
            steps.fail(plan, "the transfer cannot be built: " + e.getMessage());
            return null;
        }
        String shortfall;
        try {
            shortfall = shortfall(from, asset, amount, unsigned.payload());
        } catch (RuntimeException e) {
            abandon(from, unsigned.sequence());
            throw e;
        }
        if (shortfall != null) {
            abandon(from, unsigned.sequence());
            steps.fail(plan, shortfall);
            return null;
        }
        Entry entry = journal.prepare(plan.proposalId(), plan.walletId(), chain.journalChain(), from.value(),
                unsigned.sequence(), unsigned.payload());
        if (!Arrays.equals(entry.unsignedTx(), unsigned.payload())) {
            abandon(from, unsigned.sequence()); // another run journaled its transfer first; that one goes out
        }
        return entry;
    }

    /** Sequence numbers reserved for this sender that no journal entry holds: orphans of a crash, given back. */
    private void releaseOrphans(ChainAddress from) {
        java.util.Set<Long> journaled = journal.noncesOf(chain.journalChain(), from.value());
        for (BigInteger sequence : chain.adapter().sequences().inFlight(from)) {
            if (!journaled.contains(sequence.longValueExact())) {
                chain.adapter().sequences().release(from, sequence);
            }
        }
    }

    private void abandon(ChainAddress from, long sequence) {
        chain.adapter().sequences().release(from, BigInteger.valueOf(sequence));
    }

    /** Why the sender cannot pay the amount and the maximum gas fee (in APT), or {@code null}. */
    private String shortfall(ChainAddress from, Asset asset, BigInteger amount, byte[] raw) {
        BigInteger maxFee = BigInteger.valueOf(AptosTransactionBytes.maxGasAmount(raw))
                .multiply(BigInteger.valueOf(AptosTransactionBytes.gasUnitPrice(raw)));
        BigInteger neededApt = asset instanceof Asset.Native ? maxFee.add(amount) : maxFee;
        BigInteger apt = steps.retrying("balance", () -> chain.adapter().balance(from, Asset.nativeCoin())).baseUnits();
        if (apt.compareTo(neededApt) < 0) {
            return "the wallet's address holds " + apt + " octas of APT; this transfer needs up to " + neededApt
                    + (asset instanceof Asset.Native ? " (amount and maximum gas fee)" : " (maximum gas fee)");
        }
        if (!(asset instanceof Asset.Native)) {
            BigInteger held = steps.retrying("balance", () -> chain.adapter().balance(from, asset)).baseUnits();
            if (held.compareTo(amount) < 0) {
                return "the wallet's address holds " + held + " base units of " + asset + "; the transfer sends "
                        + amount;
            }
        }
        return null;
    }

    @Override
    public Entry sign(ExecutionPlan plan, Entry entry) {
        SignedTransaction signed;
        try {
            walletKey(plan);
            signed = signAndAssemble(plan, entry.unsignedTx(), "withdraw/" + plan.proposalId());
        } catch (KeyRefused | MpcClientException | ChainException e) {
            // nothing signed by another key, or over other bytes, ever goes out
            journal.finish(plan.proposalId(), State.FAILED, "signing refused: " + e.getMessage());
            abandon(new ChainAddress(entry.sender()), entry.nonce());
            steps.fail(plan, "the transaction was not signed: " + e.getMessage());
            return null;
        }
        Entry journaled = journal.signed(plan.proposalId(), signed.raw(), signed.hash().value());
        log.info("withdrawal {} signed and journaled as {} (Aptos sequence number {})", plan.proposalId(),
                journaled.txHash(), journaled.nonce());
        return journaled;
    }

    /**
     * Has the cluster sign the signing message of {@code raw} under {@code idempotencyKey} (Ed25519 hashes the
     * message itself: nothing is pre-hashed) and the gateway assemble the authenticator, which it only does when the
     * signature verifies under the wallet's key and that key's authentication key is the sender in {@code raw}.
     */
    private SignedTransaction signAndAssemble(ExecutionPlan plan, byte[] raw, String idempotencyKey) {
        byte[] message = AptosTransactionBytes.signingMessage(raw);
        SignatureResult signature = steps.retrying("sign", () -> mpc.sign(new IdempotencyKey(idempotencyKey),
                new SignMessageRequest(new KeyRef(plan.walletId(), plan.keyId()), message, MessageHash.ED25519_PURE,
                        DerivationPath.ROOT)).join());
        ChainAddress sender = new AptosAddress(AptosTransactionBytes.sender(raw)).toChainAddress();
        UnsignedTransfer unsigned = new UnsignedTransfer(chain.adapter().chain(), sender,
                AptosTransactionBytes.sequenceNumber(raw), raw, message);
        return chain.adapter().assemble(unsigned, new ExternalSignature.Ed25519(signature.signature()));
    }


    @Override
    public void sendAndConfirm(ExecutionPlan plan) {
        steps.beforeBroadcastHook().run();
        List<Version> versions = journal.versions(plan.proposalId());
        if (!versions.get(versions.size() - 1).isSigned() && found(versions) == null) {
            // a renewal journaled unsigned before a crash: sign those very bytes (under the same idempotency key)
            if (signRenewal(plan, versions.get(versions.size() - 1)) == null) {
                return;
            }
            versions = journal.versions(plan.proposalId());
        }
        long deadline = System.nanoTime() + confirmationWait.toNanos();
        boolean announced = false;
        int attempt = 0;
        Found found = found(versions);
        while (found == null || found.status().state() == TxStatus.State.PENDING) {
            if (found != null && !announced) {
                announced = true;
                steps.afterBroadcastHook().run();
            }
            if (found == null) {
                Version current = versions.stream().filter(Version::isSigned).reduce((a, b) -> b).orElseThrow();
                Long ledgerSecs = deadAt(current);
                if (ledgerSecs != null) {
                    if (versions.size() >= maxVersions) {
                        giveUp(plan, versions);
                        return;
                    }
                    List<Version> renewed = renew(plan, versions, ledgerSecs);
                    if (renewed == null) {
                        return;
                    }
                    versions = renewed;
                    attempt = 0;
                    continue;
                }
                if (++attempt > steps.backoff().attempts()) {
                    log.warn("withdrawal {}: {} not accepted after {} tries; the saga tries again later",
                            plan.proposalId(), current.txHash(), steps.backoff().attempts());
                    return;
                }
                WithdrawalExecutor.pause(steps.backoff().before(attempt));
                submit(plan, current);
            } else {
                if (System.nanoTime() > deadline) {
                    return; // still in the mempool; the saga's next check carries on
                }
                WithdrawalExecutor.pause(Duration.ofMillis(200));
            }
            // whatever the node answered, the chain's own record of the hashes decides
            found = found(versions);
        }
        if (!announced) {
            steps.afterBroadcastHook().run();
        }
        if (found.status().state() == TxStatus.State.FAILED) {
            journal.finish(plan.proposalId(), State.FAILED, "aborted on chain at version "
                    + found.status().blockNumber());
            steps.fail(plan, "transaction " + found.hash() + " was committed and aborted on chain (version "
                    + found.status().blockNumber() + ")");
            return;
        }
        journal.confirmed(plan.proposalId(), found.hash().value());
        steps.complete(plan, found.hash().value());
    }

    /** Submits the journaled bytes of {@code current}; any error is resolved by looking the hash up (the gateway). */
    private void submit(ExecutionPlan plan, Version current) {
        SignedTransaction signed = new SignedTransaction(chain.adapter().chain(), current.signedTx(),
                new TxHash(current.txHash()));
        String error;
        try {
            BroadcastOutcome outcome = chain.adapter().broadcastResolved(signed);
            if (outcome instanceof BroadcastOutcome.NotFound n) {
                error = "not accepted: " + n.error();
            } else if (outcome instanceof BroadcastOutcome.NonceConflict c) {
                // never signed again: only an operator can tell what took the sequence number
                log.error("withdrawal {}: sequence number {} of {} was used by another transaction ({}); it is "
                        + "not signed again and waits for an operator", plan.proposalId(), c.nonce(), c.hash(),
                        c.error());
                error = "sequence number " + c.nonce() + " used by another transaction: " + c.error();
            } else {
                error = null; // accepted into the mempool or committed
            }
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        journal.broadcastAttempted(plan.proposalId(), error);
        if (error != null) {
            log.info("withdrawal {}: submission of {} failed ({})", plan.proposalId(), current.txHash(), error);
        }
    }

    /**
     * The ledger's time in seconds when {@code version} is provably dead, else {@code null}: the ledger's clock
     * (read first) has reached its expiration, so no block can hold it any more, the hash lookup made after it finds
     * it nowhere, and the sender's committed sequence number has not passed its own (else another transaction used
     * the number, which is for an operator, not for a renewal).
     */
    private Long deadAt(Version version) {
        long expiration = AptosTransactionBytes.expirationSecs(version.unsignedTx());
        long ledgerSecs;
        long committed;
        try {
            JsonNode ledger = chain.rest().ledgerInfo();
            ledgerSecs = Long.parseUnsignedLong(ledger.path("ledger_timestamp").asText()) / 1_000_000L;
            if (Long.compareUnsigned(ledgerSecs, expiration) < 0) {
                return null;
            }
            if (known(new TxHash(version.txHash())) != null) {
                return null;
            }
            committed = chain.rest().sequenceNumber(new AptosAddress(
                    AptosTransactionBytes.sender(version.unsignedTx())));
        } catch (RuntimeException unreachable) {
            return null; // cannot tell: not dead
        }
        return Long.compareUnsigned(committed, AptosTransactionBytes.sequenceNumber(version.unsignedTx())) <= 0
                ? ledgerSecs : null;
    }

    /**
     * Builds, journals unsigned, signs and journals signed the next version: the approved transaction with a later
     * expiration; answers the versions then, or {@code null} when none was signed (the saga asks again).
     */
    private List<Version> renew(ExecutionPlan plan, List<Version> versions, long ledgerSecs) {
        Version current = versions.get(versions.size() - 1);
        long from = Math.max(ledgerSecs, Instant.now().getEpochSecond());
        byte[] renewal = AptosTransactionBytes.renewed(versions.get(0).unsignedTx(),
                from + chain.network().expiry().getSeconds());
        Version prepared = journal.prepareReplacement(plan.proposalId(), current.number() + 1, renewal);
        if (signRenewal(plan, prepared) == null) {
            return null;
        }
        List<Version> now = journal.versions(plan.proposalId());
        log.info("withdrawal {}: {} expired uncommitted; renewed as {} (version {}, same sequence number)",
                plan.proposalId(), current.txHash(), now.get(now.size() - 1).txHash(), now.size());
        return now;
    }

    /** Signs a journaled renewal under its own idempotency key after checking it is only a later expiration. */
    private Version signRenewal(ExecutionPlan plan, Version unsigned) {
        String problem = AptosTransactionBytes.renewalProblem(journal.versions(plan.proposalId()).get(0).unsignedTx(),
                unsigned.unsignedTx());
        if (problem != null) {
            log.error("withdrawal {}: journaled renewal {} is not signed: {}", plan.proposalId(), unsigned.number(),
                    problem);
            return null;
        }
        SignedTransaction signed;
        try {
            walletKey(plan);
            signed = signAndAssemble(plan, unsigned.unsignedTx(),
                    "withdraw/" + plan.proposalId() + "/v" + unsigned.number());
        } catch (KeyRefused | MpcClientException | ChainException e) {
            log.warn("withdrawal {}: renewal {} not signed ({}); tried again at the next check", plan.proposalId(),
                    unsigned.number(), e.getMessage());
            return null;
        }
        return journal.signedReplacement(plan.proposalId(), unsigned.number(), signed.raw(), signed.hash().value());
    }

    /**
     * Every version expired uncommitted, and no further one is signed: the transfer provably never happened, so the
     * proposal fails and the sequence number goes back to the sender's pool.
     */
    private void giveUp(ExecutionPlan plan, List<Version> versions) {
        Entry entry = journal.find(plan.proposalId()).orElseThrow();
        String reason = versions.size() + " versions of the transaction expired without being committed";
        journal.finish(plan.proposalId(), State.FAILED, reason);
        chain.adapter().sequences().expired(new ChainAddress(entry.sender()), BigInteger.valueOf(entry.nonce()));
        steps.fail(plan, reason + "; nothing was transferred");
    }

    /** What the chain knows of the versions: a committed one if any (they share a sequence number), else a pending one. */
    private Found found(List<Version> versions) {
        return ChainVersions.found(versions, chain.adapter());
    }

    private TxStatus known(TxHash hash) {
        return ChainVersions.known(chain.adapter(), hash);
    }
}
