package io.custody.chain.evm;

import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.Deposit;
import io.custody.chain.DepositEvent;
import io.custody.chain.DepositWatch;
import io.custody.chain.TxHash;
import io.custody.chain.rpc.FailoverRpc;
import io.custody.chain.store.ScanPositionStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Finds native transfers (block transactions) and ERC-20 {@code Transfer} logs to watched addresses. Each scanned
 * block's hash is remembered; when a remembered hash is no longer canonical the watch walks back to the fork point,
 * retracts every deposit above it and rescans. A deposit is reported {@link DepositEvent.Confirmed} only once it is
 * {@code chain.confirmations()} deep and, where the chain has a finality tag ({@link EvmChain.Finality}), at or below
 * the block the node reports for that tag.
 *
 * <p>Three reads can disagree with each other when endpoints lag or the chain reorganises between them, and each
 * disagreement stops the scan rather than being papered over: a block whose {@code parentHash} is not the hash
 * recorded for the block below it means the recorded one was replaced (walk back and retract); a block the endpoint
 * does not have yet (its head came from a faster view) ends this poll's scan at that height, which the next poll
 * starts from; a native transfer whose receipt names another block is not trusted until the next poll.
 *
 * <p>Logs are fetched by block hash (EIP-234), so a log can never be attributed to a block other than the one whose
 * hash was recorded. Not thread-safe: one poller per watch.
 */
final class EvmDepositWatch implements DepositWatch {

    private final EvmChain chain;
    private final FailoverRpc rpc;
    private final Set<String> watched;
    private final Map<String, ChainAddress> tokens = new HashMap<>();
    private final boolean nativeWatched;
    private final TreeMap<Long, String> scannedHashes = new TreeMap<>();
    private final Map<String, Tracked> deposits = new LinkedHashMap<>();
    private long nextBlock;
    private final ScanPositionStore store;
    private final String watchId;
    private boolean unsaved;

    EvmDepositWatch(EvmChain chain, FailoverRpc rpc, Set<ChainAddress> watched, Set<Asset> assets, long fromBlock) {
        this(chain, rpc, watched, assets, fromBlock, null, null);
    }

    /**
     * A watch whose position lives in {@code store} under {@code watchId}: a stored position wins over
     * {@code fromBlock}, so a new instance after a restart continues where the old one stopped.
     */
    EvmDepositWatch(EvmChain chain, FailoverRpc rpc, Set<ChainAddress> watched, Set<Asset> assets, long fromBlock,
                    ScanPositionStore store, String watchId) {
        this.store = store;
        this.watchId = watchId;
        this.chain = chain;
        this.rpc = rpc;
        this.watched = watched.stream().map(a -> a.value().toLowerCase()).collect(Collectors.toUnmodifiableSet());
        boolean nat = false;
        for (Asset a : assets) {
            if (a instanceof Asset.Native) {
                nat = true;
            } else if (a instanceof Asset.Token t) {
                tokens.put(t.contract().value().toLowerCase(), t.contract());
            } else {
                throw new IllegalArgumentException("EVM cannot watch " + a);
            }
        }
        this.nativeWatched = nat;
        this.nextBlock = fromBlock;
        if (store != null) {
            store.load(watchId).ifPresent(p -> {
                nextBlock = p.nextBlock();
                scannedHashes.putAll(p.blockHashes());
                for (ScanPositionStore.TrackedDeposit t : p.deposits()) {
                    Tracked tr = new Tracked(t.deposit());
                    tr.confirmed = t.confirmed();
                    deposits.put(key(t.deposit()), tr);
                }
            });
        }
    }

    /**
     * Stores the position reached by the last poll. {@link #poll()} does this itself before it reads anything (the
     * caller polling again means it has handled the previous events), so events are delivered at least once: a
     * crash between a poll and the caller's handling of its events repeats them after the restart.
     */
    @Override
    public void checkpoint() {
        if (store == null || !unsaved) {
            return;
        }
        List<ScanPositionStore.TrackedDeposit> tracked = new ArrayList<>();
        deposits.values().forEach(t -> tracked.add(new ScanPositionStore.TrackedDeposit(t.deposit, t.confirmed)));
        store.save(watchId, new ScanPositionStore.ScanPosition(nextBlock, scannedHashes, tracked));
        unsaved = false;
    }

    /** The first block the next poll will scan. */
    long nextBlock() {
        return nextBlock;
    }

    @Override
    public List<DepositEvent> poll() {
        checkpoint();
        unsaved = true;
        List<DepositEvent> events = new ArrayList<>();
        long head = FeeOracle.ok(rpc.call(w -> w.ethBlockNumber().send())).getBlockNumber().longValueExact();
        if (!retractReorged(head, events)) {
            return events;
        }
        for (long h = nextBlock; h <= head; h++) {
            if (!scanBlock(h, head, events)) {
                break;
            }
            nextBlock = h + 1;
        }
        long finalMark = finalizedHeight(chain, rpc);
        for (Tracked t : deposits.values()) {
            long conf = head - t.deposit.blockNumber() + 1;
            if (!t.confirmed && conf >= chain.confirmations() && t.deposit.blockNumber() <= finalMark) {
                t.confirmed = true;
                events.add(new DepositEvent.Confirmed(t.deposit, conf));
            }
        }
        // Forget hashes far below the confirmation depth (reorgs that deep are outside what the depth promises), but
        // never those of blocks holding a deposit still waiting for its finality tag.
        long keepFrom = head - Math.max(64, 2L * chain.confirmations());
        for (Tracked t : deposits.values()) {
            if (!t.confirmed) {
                keepFrom = Math.min(keepFrom, t.deposit.blockNumber() - 1);
            }
        }
        scannedHashes.headMap(keepFrom).clear();
        long forgetBelow = keepFrom;
        deposits.values().removeIf(t -> t.confirmed && t.deposit.blockNumber() < forgetBelow);
        return events;
    }

    /** The highest block the chain's finality tag covers; with depth-only finality, no limit. */
    static long finalizedHeight(EvmChain chain, FailoverRpc rpc) {
        String tag = chain.finality().tag();
        if (tag == null) {
            return Long.MAX_VALUE;
        }
        EthBlock.Block b = FeeOracle.ok(rpc.call(w -> w.ethGetBlockByNumber(
                DefaultBlockParameterName.fromString(tag), false).send())).getBlock();
        // No such block yet (a young chain): nothing is final.
        return b == null ? -1 : b.getNumber().longValueExact();
    }

    /**
     * Walks back from the highest scanned block until the recorded hash is canonical again. Returns false when the
     * endpoint does not have a recorded block at all (it lags behind what was scanned): no conclusion, no scan.
     */
    private boolean retractReorged(long head, List<DepositEvent> events) {
        Long forkAbove = null;
        for (Long h : scannedHashes.descendingKeySet()) {
            String canonical;
            if (h > head) {
                canonical = null; // the head says the chain is now shorter than what we scanned
            } else {
                canonical = blockHash(h);
                if (canonical == null) {
                    return false;
                }
            }
            if (scannedHashes.get(h).equals(canonical)) {
                break;
            }
            forkAbove = h;
        }
        if (forkAbove != null) {
            rewindTo(forkAbove, events);
        }
        return true;
    }

    /** Forgets every block from {@code fork} up and retracts the deposits found in them. */
    private void rewindTo(long fork, List<DepositEvent> events) {
        scannedHashes.tailMap(fork, true).clear();
        for (Iterator<Tracked> it = deposits.values().iterator(); it.hasNext(); ) {
            Tracked t = it.next();
            if (t.deposit.blockNumber() >= fork) {
                events.add(new DepositEvent.Retracted(t.deposit, t.confirmed));
                it.remove();
            }
        }
        nextBlock = Math.min(nextBlock, fork);
    }

    /** Scans one block; false when the scan must stop here for this poll (missing block, or a reorg under it). */
    private boolean scanBlock(long height, long head, List<DepositEvent> events) {
        EthBlock.Block block = FeeOracle.ok(rpc.call(w -> w.ethGetBlockByNumber(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(height)), nativeWatched).send())).getBlock();
        if (block == null) {
            return false; // this endpoint has not seen it yet; the next poll starts here
        }
        String hash = block.getHash();
        String recordedParent = scannedHashes.get(height - 1);
        if (recordedParent != null && !recordedParent.equalsIgnoreCase(block.getParentHash())) {
            // The block we recorded below this one is no longer its parent: it was replaced after we read it.
            retractReorged(head, events);
            if (recordedParent.equals(scannedHashes.get(height - 1))) {
                // The walk-back could not prove where the fork is (lagging reads): drop the stale block anyway.
                rewindTo(height - 1, events);
            }
            return false;
        }
        long conf = head - height + 1;
        List<Deposit> found = new ArrayList<>();
        if (nativeWatched) {
            for (EthBlock.TransactionResult<?> tr : block.getTransactions()) {
                EthBlock.TransactionObject tx = (EthBlock.TransactionObject) tr.get();
                if (tx.getTo() != null && watched.contains(tx.getTo().toLowerCase()) && tx.getValue().signum() > 0) {
                    Optional<TransactionReceipt> r = receipt(tx.getHash());
                    if (r.isEmpty() || !hash.equalsIgnoreCase(r.get().getBlockHash())) {
                        return false; // receipt from another view of the chain: read this block again next poll
                    }
                    if (!r.get().isStatusOK()) {
                        continue;
                    }
                    found.add(new Deposit(new TxHash(tx.getHash()), Deposit.NO_LOG, EvmAddresses.checksummed(tx.getTo()),
                            EvmAddresses.checksummed(tx.getFrom()), Asset.nativeCoin(), Amount.of(tx.getValue()),
                            height, hash));
                }
            }
        }
        if (!tokens.isEmpty()) {
            EthFilter filter = new EthFilter(hash);
            filter.addOptionalTopics(Erc20.TRANSFER_TOPIC);
            filter.addNullTopic();
            filter.addOptionalTopics(watched.stream().map(a -> Erc20.topic(new ChainAddress(a))).toArray(String[]::new));
            List<EthLog.LogResult> logs = FeeOracle.ok(rpc.call(w -> w.ethGetLogs(filter).send())).getLogs();
            for (EthLog.LogResult<?> lr : logs) {
                Log log = (Log) lr.get();
                ChainAddress token = tokens.get(log.getAddress().toLowerCase());
                if (token == null || log.isRemoved() || log.getTopics().size() != 3) {
                    continue;
                }
                String to = "0x" + log.getTopics().get(2).substring(26);
                String from = "0x" + log.getTopics().get(1).substring(26);
                if (!watched.contains(to.toLowerCase())) {
                    continue;
                }
                found.add(new Deposit(new TxHash(log.getTransactionHash()), log.getLogIndex().intValueExact(),
                        EvmAddresses.checksummed(to), EvmAddresses.checksummed(from), new Asset.Token(token),
                        Amount.of(Numeric.toBigInt(log.getData())), height, hash));
            }
        }
        scannedHashes.put(height, hash);
        for (Deposit d : found) {
            track(d, conf, events);
        }
        return true;
    }

    private void track(Deposit d, long conf, List<DepositEvent> events) {
        String key = key(d);
        if (deposits.containsKey(key)) {
            return;
        }
        deposits.put(key, new Tracked(d));
        events.add(new DepositEvent.Seen(d, conf));
    }

    private static String key(Deposit d) {
        return d.tx().value() + "#" + d.logIndex();
    }

    private Optional<TransactionReceipt> receipt(String txHash) {
        return FeeOracle.ok(rpc.call(w -> w.ethGetTransactionReceipt(txHash).send())).getTransactionReceipt();
    }

    private String blockHash(long height) {
        EthBlock.Block b = FeeOracle.ok(rpc.call(w -> w.ethGetBlockByNumber(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(height)), false).send())).getBlock();
        return b == null ? null : b.getHash();
    }

    private static final class Tracked {
        final Deposit deposit;
        boolean confirmed;

        Tracked(Deposit deposit) {
            this.deposit = deposit;
        }
    }
}
