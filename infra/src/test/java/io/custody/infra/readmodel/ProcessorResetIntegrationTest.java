package io.custody.infra.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.infra.support.Http;
import io.custody.infra.support.Processors;
import io.custody.infra.support.RunningApplication;
import io.custody.query.balance.BalanceProjection;
import io.custody.query.payment.EscrowProjection;
import io.custody.query.proposal.ProposalProjection;
import io.custody.query.wallet.WalletEventLogProjection;
import io.custody.query.wallet.WalletProjection;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each read model has a processor of its own: resetting one rebuilds its tables exactly as they were, from the event
 * store alone, and leaves every other read model and every other token as it was.
 */
class ProcessorResetIntegrationTest {

    private static final String ALICE = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private static final String BOB = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";
    private static final String CAROL = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB";

    /** Each processor with the tables it owns, and the columns that identify a row independently of when it was written. */
    static final Map<String, List<String>> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put(WalletProjection.PROCESSOR, List.of("wallet_view", "wallet_token_limits"));
        TABLES.put(WalletEventLogProjection.PROCESSOR, List.of("wallet_event_log"));
        TABLES.put(BalanceProjection.PROCESSOR, List.of("balance_wallet", "balance_view"));
        TABLES.put(ProposalProjection.PROCESSOR, List.of("proposal_view", "proposal_vote_view"));
        TABLES.put(io.custody.query.governance.PolicyChangeProjection.PROCESSOR,
                List.of("policy_change_view", "policy_change_approval_view"));
        TABLES.put(EscrowProjection.PROCESSOR, List.of("escrow_wallet", "merchant_view", "escrow_transaction_view"));
    }

    @TempDir
    static Path dataDir;
    static RunningApplication app;
    static Http http;
    static Processors processors;

    @BeforeAll
    static void start() {
        app = RunningApplication.start(dataDir);
        http = app.http();
        processors = new Processors(app);
        for (int i = 0; i < 5; i++) {
            String wallet = http.post("/api/v1/wallets", """
                    {"name":"Reset %d %d","signers":["%s","%s","%s"],"threshold":2,
                     "chainFamily":"EVM"}""".formatted(i % 2, i, ALICE, BOB, CAROL)).json().get("walletId").asString();
            http.patch("/api/v1/wallets/" + wallet, "{\"name\":\"Renamed " + i + "\"}");
            http.send("PUT", "/api/v1/wallets/" + wallet + "/withdrawal-delay", "application/json", "{\"hours\":" + i + "}");
            http.send("PUT", "/api/v1/wallets/" + wallet + "/limits/USDC", "application/json",
                    "{\"single\":\"" + (1000 + i) + "\",\"daily\":\"5000\"}");
            http.send("PUT", "/api/v1/wallets/" + wallet + "/whitelist/0x" + "ab".repeat(20), null, null);
            http.send("DELETE", "/api/v1/wallets/" + wallet + "/signers/" + CAROL, null, null);
            for (int d = 0; d <= i; d++) {
                io.custody.infra.support.TestWallets.activate(app.context().getBean(CommandGateway.class), WalletId.parse(wallet));
                app.context().getBean(CommandGateway.class).sendAndWait(new ConfirmDeposit(WalletId.parse(wallet),
                        new DepositId("0xreset:" + UUID.randomUUID()), new TokenId(d % 2 == 0 ? "USDC" : "USDT"),
                        Amount.of(100L * (d + 1))));
            }
        }
        processors.awaitCaughtUp(List.copyOf(TABLES.keySet()));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    static List<String> processorNames() {
        return List.copyOf(TABLES.keySet());
    }

    @ParameterizedTest
    @MethodSource("processorNames")
    void resetting_one_processor_rebuilds_its_tables_identically_and_touches_no_other(String processor) {
        Map<String, List<String>> before = snapshot();
        long highestPositionBefore = highestLogPosition();
        Map<String, String> tokensBefore = processors.storedTokens();

        processors.reset(processor);
        processors.awaitCaughtUp(List.copyOf(TABLES.keySet()));

        assertThat(snapshot()).isEqualTo(before);
        Map<String, String> tokensAfter = processors.storedTokens();
        tokensBefore.forEach((segment, token) -> {
            if (!segment.startsWith(processor + "/")) {
                assertThat(tokensAfter.get(segment)).as("token of " + segment).isEqualTo(token);
            }
        });
        if (processor.equals(WalletEventLogProjection.PROCESSOR)) {
            // positions are never reused: a client resuming with an old id receives the rebuilt history again
            assertThat(app.jdbc().queryForObject("SELECT min(position) FROM wallet_event_log", Long.class))
                    .isGreaterThan(highestPositionBefore);
        }
        assertThat(EventStoreAudit.of(app).walletViewDifferences()).isEmpty();
    }

    private static long highestLogPosition() {
        return app.jdbc().queryForObject("SELECT coalesce(max(position), 0) FROM wallet_event_log", Long.class);
    }

    /**
     * Every table of every read model as sorted lines of text. The event log's positions are left out, since a
     * rebuild draws new ones; the order they give each wallet's history is kept by listing rows in position order.
     */
    private static Map<String, List<String>> snapshot() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        TABLES.values().stream().flatMap(List::stream).forEach(table -> {
            String sql = table.equals("wallet_event_log")
                    ? "SELECT wallet_id, organisation_id, stream, aggregate_id, sequence_number, event_type, event_id, "
                            + "occurred_at, payload::text FROM wallet_event_log ORDER BY wallet_id, position"
                    : "SELECT t::text FROM " + table + " t ORDER BY 1";
            tables.put(table, app.jdbc().query(sql, (rs, i) -> {
                StringBuilder line = new StringBuilder();
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    line.append(rs.getString(c)).append('|');
                }
                return line.toString();
            }));
        });
        return tables;
    }
}
