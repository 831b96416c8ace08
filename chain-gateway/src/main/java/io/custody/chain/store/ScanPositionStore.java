package io.custody.chain.store;

import io.custody.chain.Deposit;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a deposit watch keeps its place: the next block to scan, the hashes it recorded for recent blocks (needed to
 * notice a reorg that happened while it was stopped) and the deposits it reported and has not yet forgotten (needed
 * to confirm or retract them after a restart). Keyed by a caller-chosen watch id, one per chain and purpose.
 */
public interface ScanPositionStore {

    /** A deposit the watch reported, and whether it already reported it confirmed. */
    record TrackedDeposit(Deposit deposit, boolean confirmed) {
        public TrackedDeposit {
            Objects.requireNonNull(deposit, "deposit");
        }
    }

    record ScanPosition(long nextBlock, NavigableMap<Long, String> blockHashes, List<TrackedDeposit> deposits) {
        public ScanPosition {
            blockHashes = Collections.unmodifiableNavigableMap(new TreeMap<>(blockHashes));
            deposits = List.copyOf(deposits);
        }
    }

    Optional<ScanPosition> load(String watchId);

    /** Replaces the stored position of this watch as a whole (all or nothing). */
    void save(String watchId, ScanPosition position);
}
