package io.custody.query.wallet;

import io.custody.api.common.Page;
import io.custody.api.wallet.CustodyWalletView;
import io.custody.api.wallet.ListCustodyWallets;
import io.custody.api.wallet.WalletConfigView;
import io.custody.api.identity.Caller;
import io.custody.api.wallet.WalletId;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Non-blocking reads of the wallet read models over R2DBC. */
@Repository
public class WalletReadRepository {

    /** Upper bound of one history fetch, so that a client resuming far behind is served in bounded chunks. */
    static final int HISTORY_BATCH = 500;

    /** The wallet row plus its token limits folded into one text array of {@code token|single|daily|weekly}. */
    private static final String COLUMNS = """
            w.*, ARRAY(SELECT l.token || '|' || coalesce(l.single::text, '') || '|' || coalesce(l.daily::text, '')
                          || '|' || coalesce(l.weekly::text, '')
                       FROM wallet_token_limits l WHERE l.wallet_id = w.wallet_id ORDER BY l.token) AS limit_rows,
            w.allowed_contracts::text AS allowed_contracts_json""";

    private final DatabaseClient db;

    public WalletReadRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The wallet if the caller's organisation owns it; another organisation's wallet is empty, exactly like a wallet
     * that does not exist (the tenant rule of every read).
     */
    public Mono<CustodyWalletView> find(WalletId id, Caller caller) {
        return find(id).filter(wallet -> wallet.organisation().equals(caller.organisation().value()));
    }

    public Mono<CustodyWalletView> find(WalletId id) {
        return db.sql("SELECT " + COLUMNS + " FROM wallet_view w WHERE wallet_id = :id")
                .bind("id", id.value())
                .map(WalletReadRepository::view)
                .one();
    }

    public Mono<Page<CustodyWalletView>> list(ListCustodyWallets query) {
        String where = query.organisation() == null ? "" : " WHERE organisation_id = :org";
        var rows = db.sql("SELECT " + COLUMNS + " FROM wallet_view w" + where
                        + " ORDER BY created_at DESC, wallet_id LIMIT :limit OFFSET :offset")
                .bind("limit", query.size())
                .bind("offset", (long) query.page() * query.size());
        var count = db.sql("SELECT count(*) AS total FROM wallet_view" + where);
        if (query.organisation() != null) {
            rows = rows.bind("org", query.organisation().value());
            count = count.bind("org", query.organisation().value());
        }
        Mono<List<CustodyWalletView>> items = rows.map(WalletReadRepository::view).all().collectList();
        Mono<Long> total = count.map(r -> r.get("total", Long.class)).one();
        return Mono.zip(items, total).map(t -> new Page<>(t.getT1(), query.page(), query.size(), t.getT2()));
    }

    /** Events of the wallet's history recorded after position {@code after}, in recording order, at most one batch. */
    public Flux<WalletEvent> eventsAfter(WalletId id, long after) {
        return db.sql("""
                        SELECT position, wallet_id, aggregate_id, sequence_number, event_type, event_id, occurred_at,
                               payload::text AS payload
                        FROM wallet_event_log WHERE wallet_id = :id AND position > :after
                        ORDER BY position LIMIT :limit""")
                .bind("id", id.value())
                .bind("after", after)
                .bind("limit", HISTORY_BATCH)
                .map(r -> new WalletEvent(r.get("position", Long.class), r.get("wallet_id", UUID.class).toString(),
                        r.get("aggregate_id", String.class), r.get("sequence_number", Long.class),
                        r.get("event_type", String.class), r.get("event_id", String.class), instant(r, "occurred_at"),
                        r.get("payload", String.class)))
                .all();
    }

    private static CustodyWalletView view(Readable r) {
        String[] signers = r.get("signers", String[].class);
        return new CustodyWalletView(r.get("wallet_id", UUID.class).toString(), r.get("organisation_id", String.class),
                r.get("name", String.class), r.get("chain_family", String.class), List.of(signers),
                r.get("threshold", Integer.class), r.get("status", String.class), r.get("status_reason", String.class),
                r.get("address", String.class), r.get("public_key", String.class), instant(r, "created_at"),
                instant(r, "updated_at"), r.get("version", Long.class), config(r));
    }

    private static WalletConfigView config(Readable r) {
        Map<String, WalletConfigView.LimitsView> limits = new LinkedHashMap<>();
        for (String row : r.get("limit_rows", String[].class)) {
            String[] parts = row.split("\\|", -1);
            limits.put(parts[0], new WalletConfigView.LimitsView(blankToNull(parts[1]), blankToNull(parts[2]),
                    blankToNull(parts[3])));
        }
        return new WalletConfigView(r.get("wallet_status", String.class), r.get("withdrawal_delay_hours", Integer.class),
                limits, List.of(r.get("whitelist", String[].class)), contracts(r.get("allowed_contracts_json", String.class)));
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    private static Map<String, WalletConfigView.AllowedContractView> contracts(String json) {
        Map<String, WalletConfigView.AllowedContractView> contracts = new java.util.TreeMap<>();
        JSON.readTree(json).properties().forEach(entry -> {
            var value = entry.getValue();
            List<String> functions = new java.util.ArrayList<>();
            value.get("functions").forEach(f -> functions.add(f.asString()));
            contracts.put(entry.getKey(), new WalletConfigView.AllowedContractView(value.get("label").asString(),
                    List.copyOf(functions), value.get("minApprovals").asInt()));
        });
        return contracts;
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    static Instant instant(Readable r, String column) {
        return r.get(column, OffsetDateTime.class).toInstant();
    }
}
