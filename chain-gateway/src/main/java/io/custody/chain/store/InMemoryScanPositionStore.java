package io.custody.chain.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ScanPositionStore} that lives as long as the process: tests and single-run tools. */
public final class InMemoryScanPositionStore implements ScanPositionStore {

    private final Map<String, ScanPosition> positions = new ConcurrentHashMap<>();

    @Override
    public Optional<ScanPosition> load(String watchId) {
        return Optional.ofNullable(positions.get(watchId));
    }

    @Override
    public void save(String watchId, ScanPosition position) {
        positions.put(watchId, position);
    }
}
