package io.custody.chain.aptos;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.ChainException;
import io.custody.chain.Deposit;
import io.custody.chain.DepositEvent;
import io.custody.chain.DepositWatch;
import io.custody.chain.store.ScanPositionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Walks the ledger block by block from a cursor (a block height) and reports every deposit to a watched owner in a
 * watched asset. Every committed transaction belongs to exactly one block and a block's transactions are the
 * contiguous versions {@code first_version..last_version}, so reading each block whole, paging through
 * {@code GET /transactions} when the block response was truncated, sees every transaction once and cannot skip one.
 *
 * <p>Aptos commits with BFT finality: a committed block is never reverted, so each deposit is reported
 * {@link DepositEvent.Seen} and {@link DepositEvent.Confirmed} together (one confirmation), and never
 * {@link DepositEvent.Retracted}. The caller persists {@link #nextBlock()} after handling a poll's events and passes
 * it as {@code fromBlock} after a restart (ADR chain-007). Not thread-safe: one poller per watch.
 */
public final class AptosDepositWatch implements DepositWatch {

    /** The node's default and maximum page size for {@code GET /transactions}; asking for more is capped anyway. */
    static final int TRANSACTIONS_PAGE = 100;
    static final int DEFAULT_MAX_BLOCKS_PER_POLL = 200;
    private static final Pattern HASH = Pattern.compile("0x[0-9a-fA-F]{64}");

    private final AptosRestClient rest;
    private final WatchedAssets assets;
    private final DepositDecoder decoder;
    private final int maxBlocksPerPoll;
    private long nextBlock;
    private ScanPositionStore store;
    private String watchId;
    private boolean unsaved;

    AptosDepositWatch(AptosRestClient rest, Set<ChainAddress> watched, Set<Asset> assets, long fromBlock,
                      int maxBlocksPerPoll) {
        if (watched.isEmpty()) {
            throw new IllegalArgumentException("watch at least one address");
        }
        if (fromBlock < 0 || maxBlocksPerPoll < 1) {
            throw new IllegalArgumentException("fromBlock must be >= 0 and maxBlocksPerPoll >= 1");
        }
        this.rest = rest;
        this.assets = new WatchedAssets(assets);
        Set<AptosAddress> owners = watched.stream().map(AptosAddress::of).collect(Collectors.toUnmodifiableSet());
        this.decoder = new DepositDecoder(owners, this.assets, rest);
        this.maxBlocksPerPoll = maxBlocksPerPoll;
        this.nextBlock = fromBlock;
    }

    /** Keeps the cursor in {@code store} under {@code watchId}; a stored cursor wins over {@code fromBlock}. */
    AptosDepositWatch storedIn(ScanPositionStore store, String watchId) {
        this.store = store;
        this.watchId = watchId;
        store.load(watchId).ifPresent(p -> nextBlock = p.nextBlock());
        return this;
    }

    /**
     * Stores the cursor reached by the last poll (a no-op without a store). {@link #poll()} does it first itself,
     * the caller polling again meaning it handled the previous events: delivery is at least once.
     */
    @Override
    public void checkpoint() {
        if (store == null || !unsaved) {
            return;
        }
        store.save(watchId, new ScanPositionStore.ScanPosition(nextBlock, new java.util.TreeMap<>(), List.of()));
        unsaved = false;
    }

    /** The first block height the next poll will read: what the caller persists to resume after a restart. */
    public long nextBlock() {
        return nextBlock;
    }

    /**
     * Reads up to {@code maxBlocksPerPoll} blocks from the cursor to the node's head. If a block fails after earlier
     * blocks of this poll were read, the poll returns what those blocks held with the cursor on the failing block,
     * so the next poll retries it (and reports its error if it persists); if the first block fails, the error is
     * thrown and the cursor does not move.
     */
    @Override
    public List<DepositEvent> poll() {
        checkpoint();
        unsaved = true;
        JsonNode ledger = rest.ledgerInfo();
        long head = NodeJson.u64AsLong(ledger, "block_height", "ledger info");
        long oldest = NodeJson.u64AsLong(ledger, "oldest_block_height", "ledger info");
        if (nextBlock < oldest) {
            throw new ChainException(ChainException.Code.REJECTED_BY_NODE, "block " + nextBlock
                    + " is pruned on this node (oldest kept: " + oldest + "); its deposits cannot be scanned here, "
                    + "use a node that keeps that history");
        }
        if (nextBlock > head) {
            return List.of();
        }
        assets.refreshPairings(rest);
        long last = Math.min(head, nextBlock + maxBlocksPerPoll - 1);
        List<DepositEvent> events = new ArrayList<>();
        long start = nextBlock;
        for (long h = start; h <= last; h++) {
            List<Deposit> found;
            try {
                found = scanBlock(h);
            } catch (ChainException e) {
                if (h == start) {
                    throw e;
                }
                break;
            }
            for (Deposit d : found) {
                events.add(new DepositEvent.Seen(d, 1));
                events.add(new DepositEvent.Confirmed(d, 1));
            }
            nextBlock = h + 1;
        }
        return events;
    }

    private List<Deposit> scanBlock(long height) {
        JsonNode block = rest.blockByHeight(height);
        String where = "block " + height;
        if (NodeJson.u64AsLong(block, "block_height", where) != height) {
            throw NodeJson.malformed(where, "node answered with block " + block.get("block_height"));
        }
        String hash = NodeJson.text(block, "block_hash", where);
        if (!HASH.matcher(hash).matches()) {
            throw NodeJson.malformed(where, "block_hash is not 32 bytes of hex: " + hash);
        }
        long first = NodeJson.u64AsLong(block, "first_version", where);
        long last = NodeJson.u64AsLong(block, "last_version", where);
        if (last < first) {
            throw NodeJson.malformed(where, "last_version " + last + " < first_version " + first);
        }
        List<Deposit> out = new ArrayList<>();
        long expected = first;
        expected = take(NodeJson.array(block, "transactions", where), expected, last, height, hash, out, where);
        // The block response holds at most the node's block page size; the rest comes from the transactions list.
        while (expected <= last) {
            int limit = (int) Math.min(TRANSACTIONS_PAGE, last - expected + 1);
            JsonNode page = rest.transactions(expected, limit);
            String at = where + " transactions from " + expected;
            if (!page.isArray() || page.isEmpty()) {
                throw NodeJson.malformed(at, "expected a non-empty array of transactions");
            }
            expected = take(page, expected, last, height, hash, out, at);
        }
        return out;
    }

    private long take(JsonNode txs, long expected, long last, long height, String hash, List<Deposit> out, String where) {
        for (JsonNode tx : txs) {
            if (!tx.isObject()) {
                throw NodeJson.malformed(where, "a transaction is not an object");
            }
            long v = NodeJson.u64AsLong(tx, "version", where);
            if (v != expected || v > last) {
                throw NodeJson.malformed(where, "expected version " + expected + " (block ends at " + last + "), got " + v);
            }
            out.addAll(decoder.decode(tx, height, hash));
            expected++;
        }
        return expected;
    }
}
