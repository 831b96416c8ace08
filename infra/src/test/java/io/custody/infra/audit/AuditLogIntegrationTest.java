package io.custody.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.api.EventCatalog;
import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.audit.merkle.InMemoryNodeStore;
import io.custody.audit.merkle.MerkleHashes;
import io.custody.audit.merkle.MerkleTree;
import io.custody.audit.record.AuditRecord;
import io.custody.audit.record.AuditRecordEncoding;
import io.custody.audit.record.AuditRecordFactory;
import io.custody.audit.record.StoredEvent;
import io.custody.infra.support.Http;
import io.custody.infra.support.Processors;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import io.custody.query.audit.AuditLogProjection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log on the running application: one application start, a small history touching every stream (wallets
 * of two organisations, policy changes, deposits, a proposal approved to readiness, a merchant paid into escrow),
 * then the log checked against the event store.
 */
class AuditLogIntegrationTest {

    static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(1);
    static final SignerKeys.Evm BOB = SignerKeys.Evm.of(2);
    static final String PAYEE = "0x" + "ab".repeat(20);

    @TempDir
    static Path dataDir;
    static RunningApplication app;
    static Http http;
    static String walletA;
    static String walletB;

    @BeforeAll
    static void start() {
        app = RunningApplication.start(dataDir);
        http = new Http(app.baseUrl());
        walletA = wallet("audit-org-a", "Treasury A");
        walletB = wallet("audit-org-b", "Treasury B");
        http.patch("/api/v1/wallets/" + walletA, "{\"name\":\"Treasury A renamed\"}");
        http.send("PUT", "/api/v1/wallets/" + walletA + "/whitelist/" + PAYEE, null, null);
        deposit(walletA, 1_000_000);
        deposit(walletB, 5_000);
        String proposal = propose(walletA, 250_000);
        approve(walletA, proposal, ALICE);
        approve(walletA, proposal, BOB);
        assertThat(http.post("/api/v1/merchants", """
                {"merchantId":"audit-shop","name":"Shop","directWallet":"0x%s","custodyWalletId":"%s",
                 "custodyAddress":"0x%s"}""".formatted("dd".repeat(20), walletB, "cc".repeat(20))).status())
                .isEqualTo(201);
        assertThat(http.post("/api/v1/merchants/audit-shop/payments",
                "{\"paymentId\":\"order-1\",\"payer\":\"0xpayer\",\"token\":\"USDC\",\"amount\":\"15\"}",
                "Idempotency-Key", "order-1").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> app.jdbc().queryForObject(
                "SELECT count(*) FROM DomainEventEntry WHERE payloadType LIKE '%WithdrawalDelayElapsed'", Long.class)
                > 0);
        new Processors(app).awaitCaughtUp(List.of(AuditLogProjection.PROCESSOR), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    @Test
    void every_stored_event_has_exactly_one_record_at_consecutive_leaf_indexes() {
        List<String> events = app.jdbc().queryForList("SELECT eventIdentifier FROM DomainEventEntry", String.class);
        List<String> recorded = app.jdbc().queryForList("SELECT event_id FROM audit_record ORDER BY leaf_index",
                String.class);
        assertThat(recorded).containsExactlyInAnyOrderElementsOf(events);
        assertThat(app.jdbc().queryForList("SELECT leaf_index FROM audit_record ORDER BY leaf_index", Long.class))
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, events.size()).boxed().toList());
        Set<String> types = Set.copyOf(app.jdbc().queryForList("SELECT DISTINCT event_type FROM audit_record",
                String.class));
        assertThat(types).contains("CustodyWalletCreated", "CustodyWalletRenamed", "WhitelistAddressAdded",
                "DepositConfirmed", "DepositCredited", "WithdrawalProposed", "WithdrawalReserved",
                "ProposalApproved", "ProposalReady", "WithdrawalDelayElapsed", "MerchantRegistered", "PaymentRouted");
        assertThat(types).allSatisfy(t -> assertThat(EventCatalog.named(t)).isPresent());
    }

    @Test
    void each_record_is_what_the_stored_event_gives_and_carries_its_organisation_and_actor() {
        Map<String, String> organisations = new HashMap<>();
        List<StoredEvent> events = storedEventsInLeafOrder();
        List<Map<String, Object>> rows = app.jdbc().queryForList(
                "SELECT event_id, organisation_id, actor, event_type, wallet_id, event_hash, leaf_hash "
                        + "FROM audit_record ORDER BY leaf_index");
        for (int i = 0; i < events.size(); i++) {
            AuditRecord expected = AuditRecordFactory.record(events.get(i),
                    w -> Optional.ofNullable(organisations.get(w)));
            if (expected.walletId() != null && expected.organisationId() != null) {
                organisations.putIfAbsent(expected.walletId(), expected.organisationId());
            }
            Map<String, Object> row = rows.get(i);
            assertThat(row.get("event_hash")).isEqualTo(expected.eventHash());
            assertThat(row.get("organisation_id")).as(expected.eventType()).isEqualTo(expected.organisationId());
            assertThat((byte[]) row.get("leaf_hash"))
                    .isEqualTo(MerkleHashes.leaf(AuditRecordEncoding.encode(expected)));
        }
        assertThat(app.jdbc().queryForList("SELECT DISTINCT organisation_id FROM audit_record WHERE wallet_id = ?",
                String.class, walletA)).containsExactly("audit-org-a");
        assertThat(app.jdbc().queryForList("SELECT DISTINCT organisation_id FROM audit_record WHERE wallet_id = ?",
                String.class, walletB)).containsExactly("audit-org-b");
        assertThat(app.jdbc().queryForList(
                "SELECT actor FROM audit_record WHERE event_type = 'ProposalApproved' ORDER BY leaf_index",
                String.class)).containsExactlyInAnyOrder(ALICE.address(), BOB.address());
    }

    @Test
    void the_stored_tree_is_the_rfc_tree_of_the_records_leaves() {
        List<byte[]> leaves = app.jdbc().queryForList("SELECT leaf_hash FROM audit_record ORDER BY leaf_index",
                byte[].class);
        InMemoryNodeStore expected = new InMemoryNodeStore();
        leaves.forEach(expected::append);
        MerkleTree stored = new MerkleTree((level, index) -> app.jdbc().queryForObject(
                "SELECT hash FROM audit_tree_node WHERE level = ? AND idx = ?", byte[].class, level, index));
        for (int size = 1; size <= leaves.size(); size++) {
            assertThat(stored.root(size)).isEqualTo(new MerkleTree(expected).root(size));
        }
    }

    static List<StoredEvent> storedEventsInLeafOrder() {
        return app.jdbc().query("""
                SELECT e.globalIndex, e.eventIdentifier, e.aggregateIdentifier, e.sequenceNumber, e.type,
                       e.payloadType, e.payloadRevision, e.timeStamp, e.payload, e.metaData
                FROM audit_record r JOIN DomainEventEntry e ON e.eventIdentifier = r.event_id
                ORDER BY r.leaf_index""", (rs, n) -> new StoredEvent(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getBytes(9), rs.getBytes(10)));
    }

    static String wallet(String organisation, String name) {
        Http.Response created = http.post("/api/v1/wallets", """
                {"organisation":"%s","name":"%s","signers":["%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(organisation, name, ALICE.address(), BOB.address()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("walletId").asString();
    }

    static void deposit(String walletId, long amount) {
        app.context().getBean(CommandGateway.class).sendAndWait(new ConfirmDeposit(WalletId.parse(walletId),
                new DepositId("0xaudit:" + UUID.randomUUID()), new TokenId("USDC"), Amount.of(amount)));
    }

    static String propose(String walletId, long amount) {
        String proposalId = UUID.randomUUID().toString();
        Instant expiresAt = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        String typedData = http.get("/api/v1/wallets/" + walletId + "/proposals/request-payload?proposalId="
                + proposalId + "&to=" + PAYEE + "&token=USDC&amount=" + amount + "&expiresAt=" + expiresAt)
                .json().get("eip712TypedData").toString();
        Http.Response proposed = http.post("/api/v1/wallets/" + walletId + "/proposals", """
                {"proposalId":"%s","proposer":"%s","to":"%s","token":"USDC","amount":"%d","expiresAt":"%s",
                 "signature":"%s"}""".formatted(proposalId, ALICE.address(), PAYEE, amount, expiresAt,
                ALICE.signTypedData(typedData)));
        assertThat(proposed.status()).as(proposed.body()).isBetween(200, 202);
        return proposalId;
    }

    static void approve(String walletId, String proposalId, SignerKeys.Evm signer) {
        String path = "/api/v1/wallets/" + walletId + "/proposals/" + proposalId + "/signing-payload?decision=approve";
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path).status() == 200);
        String typedData = http.get(path).json().get("eip712TypedData").toString();
        Http.Response voted = http.post("/api/v1/wallets/" + walletId + "/proposals/" + proposalId + "/approvals",
                "{\"signer\":\"" + signer.address() + "\",\"signature\":\"" + signer.signTypedData(typedData) + "\"}");
        assertThat(voted.status()).as(voted.body()).isEqualTo(204);
    }
}
