package io.custody.mpc.node;

import io.custody.mpc.ecdsa.sign.Presignature;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node's unused presignatures, in memory only (a restart loses them, which only costs a new presign; see
 * docs/adr/ecdsa-006), per key, with a time to live and a cap per key so memory cannot grow without bound.
 *
 * <p>{@link #take} hands a presignature out at most once, also under concurrent requests: the first caller removes
 * it, every later one is refused, with PRESIGNATURE_USED while the node still remembers the id (as long as the TTL)
 * and PRESIGNATURE_UNKNOWN otherwise. Expired or discarded presignatures have their secrets dropped.
 */
final class PresignatureStock {

    private record Slot(WalletId wallet, KeyId key) {
    }

    private record Held(Presignature presignature, Instant expires) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final int perKey;
    private final Map<Slot, LinkedHashMap<String, Held>> available = new HashMap<>();
    /** Ids handed out recently, to tell "used" from "unknown"; bounded by the TTL and by a multiple of the cap. */
    private final Map<Slot, LinkedHashMap<String, Instant>> used = new HashMap<>();

    PresignatureStock(Clock clock, Duration ttl, int perKey) {
        this.clock = clock;
        this.ttl = ttl;
        this.perKey = perKey;
    }

    /** Refuses a new presigning run for a key whose stock is full, before any work is done. */
    synchronized void requireRoom(WalletId wallet, KeyId key) {
        if (count(new Slot(wallet, key)) >= perKey) {
            throw full(wallet, key);
        }
    }

    /**
     * Adds a finished presignature; refused (and its secrets dropped) if the stock filled up meanwhile, and refused
     * with PRESIGNATURE_USED when it was spent already or its id was handed out before: the stock is the layer that
     * holds presignatures, so it keeps single use per id even if the same object (or one bearing a used id) comes back.
     */
    synchronized void add(WalletId wallet, KeyId key, Presignature p) {
        Slot slot = new Slot(wallet, key);
        purge(slot);
        if (p.isConsumed() || used.getOrDefault(slot, new LinkedHashMap<>()).containsKey(p.id())
                || available.getOrDefault(slot, new LinkedHashMap<>()).containsKey(p.id())) {
            destroy(p);
            throw new SessionRefusedException(409, "PRESIGNATURE_USED", "presignature " + p.id()
                    + " was already used or stocked at this node; it is not stocked again");
        }
        if (count(slot) >= perKey) {
            destroy(p);
            throw full(wallet, key);
        }
        available.computeIfAbsent(slot, s -> new LinkedHashMap<>()).put(p.id(), new Held(p, clock.instant().plus(ttl)));
    }

    /**
     * Removes and returns the presignature {@code id} of the key.
     *
     * @throws SessionRefusedException PRESIGNATURE_USED or PRESIGNATURE_UNKNOWN
     */
    synchronized Presignature take(WalletId wallet, KeyId key, String id) {
        Slot slot = new Slot(wallet, key);
        purge(slot);
        Map<String, Held> stock = available.getOrDefault(slot, new LinkedHashMap<>());
        Held held = stock.remove(id);
        LinkedHashMap<String, Instant> seen = used.computeIfAbsent(slot, s -> new LinkedHashMap<>());
        if (held == null) {
            if (seen.containsKey(id)) {
                throw new SessionRefusedException(409, "PRESIGNATURE_USED", "presignature " + id
                        + " was already used at this node; presign again");
            }
            throw new SessionRefusedException(404, "PRESIGNATURE_UNKNOWN", "no presignature " + id + " for "
                    + wallet.value() + "/" + key.value() + " at this node (expired, never made here or node restarted)");
        }
        seen.put(id, clock.instant().plus(ttl));
        while (seen.size() > 4 * perKey) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return held.presignature();
    }

    /** Drops every presignature of the key (after a refresh: the stock was made from the superseded shares). */
    synchronized void discard(WalletId wallet, KeyId key) {
        Map<String, Held> stock = available.remove(new Slot(wallet, key));
        if (stock != null) stock.values().forEach(h -> destroy(h.presignature()));
    }

    synchronized void clear() {
        available.values().forEach(m -> m.values().forEach(h -> destroy(h.presignature())));
        available.clear();
        used.clear();
    }

    synchronized int size(WalletId wallet, KeyId key) {
        return count(new Slot(wallet, key));
    }

    private int count(Slot slot) {
        purge(slot);
        return available.getOrDefault(slot, new LinkedHashMap<>()).size();
    }

    private void purge(Slot slot) {
        Instant now = clock.instant();
        Map<String, Held> stock = available.get(slot);
        if (stock != null) {
            stock.values().removeIf(h -> {
                boolean expired = !h.expires().isAfter(now);
                if (expired) destroy(h.presignature());
                return expired;
            });
        }
        Map<String, Instant> seen = used.get(slot);
        if (seen != null) seen.values().removeIf(until -> !until.isAfter(now));
    }

    static void destroy(Presignature p) {
        p.destroy();
    }

    private static SessionRefusedException full(WalletId wallet, KeyId key) {
        return new SessionRefusedException(409, "PRESIGNATURE_STOCK_FULL", "this node already holds the maximum of "
                + "unused presignatures for " + wallet.value() + "/" + key.value() + "; use or let some expire");
    }

    @Override
    public synchronized String toString() {
        int total = available.values().stream().mapToInt(Map::size).sum();
        return "PresignatureStock[keys=" + available.size() + " unused=" + total + " ttl=" + ttl + " cap=" + perKey + "]";
    }
}
