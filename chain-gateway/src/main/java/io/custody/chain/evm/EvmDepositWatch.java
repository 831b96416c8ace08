package io.custody.chain.evm;

import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.Deposit;
import io.custody.chain.DepositEvent;
import io.custody.chain.DepositWatch;
import io.custody.chain.TxHash;
import io.custody.chain.rpc.FailoverRpc;
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
 * {@code chain.confirmations()} deep.
 *
 * <p>Logs are fetched by block hash (EIP-234), so a log can never be attributed to a block other than the one whose
 * hash was recorded, even when a reorg happens between the two requests. Not thread-safe: one poller per watch.
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

    EvmDepositWatch(EvmChain chain, FailoverRpc rpc, Set<ChainAddress> watched, Set<Asset> assets, long fromBlock) {
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
    }

    @Override
    public List<DepositEvent> poll() {
        List<DepositEvent> events = new ArrayList<>();
        long head = FeeOracle.ok(rpc.call(w -> w.ethBlockNumber().send())).getBlockNumber().longValueExact();
        retractReorged(head, events);
        for (long h = nextBlock; h <= head; h++) {
            scanBlock(h, head, events);
        }
        nextBlock = Math.max(nextBlock, head + 1);
        for (Tracked t : deposits.values()) {
            long conf = head - t.deposit.blockNumber() + 1;
            if (!t.confirmed && conf >= chain.confirmations()) {
                t.confirmed = true;
                events.add(new DepositEvent.Confirmed(t.deposit, conf));
            }
        }
        // Forget hashes far below the confirmation depth: reorgs that deep are outside what the depth promises.
        long keepFrom = head - Math.max(64, 2L * chain.confirmations());
        scannedHashes.headMap(keepFrom).clear();
        deposits.values().removeIf(t -> t.confirmed && t.deposit.blockNumber() < keepFrom);
        return events;
    }

    /** Walks back from the highest scanned block until the recorded hash is canonical again. */
    private void retractReorged(long head, List<DepositEvent> events) {
        Long forkAbove = null;
        for (Long h : scannedHashes.descendingKeySet()) {
            String canonical = h <= head ? blockHash(h) : null;
            if (scannedHashes.get(h).equals(canonical)) {
                break;
            }
            forkAbove = h;
        }
        if (forkAbove == null) {
            return;
        }
        long fork = forkAbove;
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

    private void scanBlock(long height, long head, List<DepositEvent> events) {
        EthBlock.Block block = FeeOracle.ok(rpc.call(w -> w.ethGetBlockByNumber(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(height)), nativeWatched).send())).getBlock();
        if (block == null) {
            return;
        }
        String hash = block.getHash();
        scannedHashes.put(height, hash);
        long conf = head - height + 1;
        if (nativeWatched) {
            for (EthBlock.TransactionResult<?> tr : block.getTransactions()) {
                EthBlock.TransactionObject tx = (EthBlock.TransactionObject) tr.get();
                if (tx.getTo() != null && watched.contains(tx.getTo().toLowerCase()) && tx.getValue().signum() > 0
                        && succeeded(tx.getHash())) {
                    track(new Deposit(new TxHash(tx.getHash()), Deposit.NO_LOG, EvmAddresses.checksummed(tx.getTo()),
                            EvmAddresses.checksummed(tx.getFrom()), Asset.nativeCoin(), Amount.of(tx.getValue()),
                            height, hash), conf, events);
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
                track(new Deposit(new TxHash(log.getTransactionHash()), log.getLogIndex().intValueExact(),
                        EvmAddresses.checksummed(to), EvmAddresses.checksummed(from), new Asset.Token(token),
                        Amount.of(Numeric.toBigInt(log.getData())), height, hash), conf, events);
            }
        }
    }

    private void track(Deposit d, long conf, List<DepositEvent> events) {
        String key = d.tx().value() + "#" + d.logIndex();
        if (deposits.containsKey(key)) {
            return;
        }
        deposits.put(key, new Tracked(d));
        events.add(new DepositEvent.Seen(d, conf));
    }

    private boolean succeeded(String txHash) {
        Optional<TransactionReceipt> r = FeeOracle.ok(rpc.call(w -> w.ethGetTransactionReceipt(txHash).send()))
                .getTransactionReceipt();
        return r.isPresent() && r.get().isStatusOK();
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
