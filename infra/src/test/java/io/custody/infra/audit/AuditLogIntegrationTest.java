package io.custody.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.custody.api.EventCatalog;
import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.audit.merkle.InMemoryNodeStore;
import io.custody.audit.merkle.MerkleHashes;
import io.custody.audit.merkle.MerkleProofs;
import io.custody.audit.merkle.MerkleTree;
import io.custody.audit.note.Checkpoint;
import io.custody.audit.note.NoteKey;
import io.custody.audit.note.NoteSigner;
import io.custody.audit.note.ProofBundle;
import io.custody.audit.record.AuditRecord;
import io.custody.audit.record.AuditRecordEncoding;
import io.custody.audit.record.AuditRecordFactory;
import io.custody.audit.record.StoredEvent;
import io.custody.infra.support.Http;
import io.custody.infra.support.Processors;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.TestIdentity;
import io.custody.infra.support.TestWallets;
import io.custody.query.audit.AuditLogProjection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
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
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

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
    /** The administrator of a second organisation, {@code audit-org-b}. */
    static Http httpB;
    static String walletA;
    static String walletB;

    @BeforeAll
    static void start() {
        app = RunningApplication.start(dataDir, "--custody.audit.checkpoint-interval=PT1S",
                "--custody.audit.origin=custody.test/audit");
        http = app.http();
        walletA = wallet(http, "Treasury A");
        // The processor is stopped while the second organisation, its wallet and their first events are stored, so
        // it meets them as one backlog and records them in batches (up to 64 events in one transaction): every check
        // below then holds for records made within a batch too, including a wallet's organisation looked up from a
        // record made earlier in the same, still uncommitted, transaction.
        Processors processors = new Processors(app);
        processors.processor(AuditLogProjection.PROCESSOR).shutDown();
        long recordsBefore = app.jdbc().queryForObject("SELECT count(*) FROM audit_record", Long.class);
        long eventsBefore = app.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class);
        httpB = TestIdentity.newOrganisation(app, "audit-org-b");
        walletB = wallet(httpB, "Treasury B");
        deposit(walletB, 5_000);
        long backlog = app.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class) - eventsBefore;
        assertThat(app.jdbc().queryForObject("SELECT count(*) FROM audit_record", Long.class))
                .as("nothing recorded while stopped").isEqualTo(recordsBefore);
        assertThat(backlog).as("events waiting for the processor").isGreaterThan(3);
        processors.processor(AuditLogProjection.PROCESSOR).start();
        http.patch("/api/v1/wallets/" + walletA, "{\"name\":\"Treasury A renamed\"}");
        http.send("PUT", "/api/v1/wallets/" + walletA + "/whitelist/" + PAYEE, null, null);
        deposit(walletA, 1_000_000);
        String proposal = propose(walletA, 250_000);
        approve(walletA, proposal, ALICE);
        approve(walletA, proposal, BOB);
        assertThat(httpB.post("/api/v1/merchants", """
                {"merchantId":"audit-shop","name":"Shop","directWallet":"0x%s","custodyWalletId":"%s",
                 "custodyAddress":"0x%s"}""".formatted("dd".repeat(20), walletB, "cc".repeat(20))).status())
                .isEqualTo(201);
        assertThat(httpB.post("/api/v1/merchants/audit-shop/payments",
                "{\"paymentId\":\"order-1\",\"payer\":\"0xpayer\",\"token\":\"USDC\",\"amount\":\"15\"}",
                "Idempotency-Key", "order-1").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> app.jdbc().queryForObject(
                "SELECT count(*) FROM DomainEventEntry WHERE payloadType LIKE '%WithdrawalDelayElapsed'", Long.class)
                > 0);
        firstCheckpoint = awaitCheckpointOfAllRecords();
        // the log grows after the first checkpoint, so there are two to prove consistent
        httpB.patch("/api/v1/wallets/" + walletB, "{\"name\":\"Treasury B renamed\"}");
        deposit(walletB, 7);
        secondCheckpoint = awaitCheckpointOfAllRecords();
    }

    static long firstCheckpoint;
    static long secondCheckpoint;

    /** Waits for the processor to record every stored event and the checkpointer to sign the resulting size. */
    static long awaitCheckpointOfAllRecords() {
        new Processors(app).awaitCaughtUp(List.of(AuditLogProjection.PROCESSOR), Duration.ofSeconds(60));
        long size = app.jdbc().queryForObject("SELECT count(*) FROM audit_record", Long.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> app.jdbc().queryForObject(
                "SELECT coalesce(max(tree_size), 0) FROM audit_checkpoint", Long.class) == size);
        return size;
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
                String.class, walletA)).containsExactly("test-org");
        assertThat(app.jdbc().queryForList("SELECT DISTINCT organisation_id FROM audit_record WHERE wallet_id = ?",
                String.class, walletB)).containsExactly("audit-org-b");
        // the actor is the authenticated caller who sent the command (the signer keys are in the event itself)
        String member = http.get("/api/v1/me").json().get("subject").asString();
        assertThat(app.jdbc().queryForList(
                "SELECT actor FROM audit_record WHERE event_type = 'ProposalApproved' ORDER BY leaf_index",
                String.class)).containsExactly(member, member);
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

    // ---- Property 14: the database refuses to change or remove what the log holds ----

    static List<String> auditTables() {
        return List.of("audit_record", "audit_tree_node", "audit_checkpoint");
    }

    @Test
    void the_application_connects_as_a_role_that_is_neither_superuser_nor_owner_of_the_audit_tables() {
        JdbcTemplate jdbc = app.jdbc();
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("custody_app");
        assertThat(jdbc.queryForObject("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class))
                .isFalse();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM pg_tables WHERE tablename IN ('audit_record', 'audit_tree_node', 'audit_checkpoint')
                AND tableowner = current_user""", Long.class)).isZero();
    }

    @ParameterizedTest
    @MethodSource("auditTables")
    void the_application_can_neither_update_delete_truncate_nor_switch_off_the_guard(String table) {
        JdbcTemplate jdbc = app.jdbc();
        String before = contents(table);
        assertThatThrownBy(() -> jdbc.update("UPDATE " + table + " SET " + changeOf(table)))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM " + table)).isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE " + table)).isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("must be owner");
        assertThatThrownBy(() -> jdbc.execute("SET session_replication_role = replica"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
        assertThat(contents(table)).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("auditTables")
    void the_triggers_refuse_update_delete_and_truncate_even_to_the_owner(String table) {
        JdbcTemplate admin = app.adminJdbc();
        String before = contents(table);
        assertThatThrownBy(() -> admin.update("UPDATE " + table + " SET " + changeOf(table)))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only: UPDATE");
        assertThatThrownBy(() -> admin.update("DELETE FROM " + table)).isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only: DELETE");
        assertThatThrownBy(() -> admin.execute("TRUNCATE " + table)).isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only: TRUNCATE");
        assertThat(contents(table)).isEqualTo(before);
    }

    private static String changeOf(String table) {
        return switch (table) {
            case "audit_record" -> "actor = 'mallory'";
            case "audit_tree_node" -> "hash = sha256(hash)";
            default -> "note = 'forged'";
        };
    }

    private static String contents(String table) {
        return String.join("\n", app.adminJdbc().queryForList("SELECT t::text FROM " + table + " t ORDER BY 1",
                String.class));
    }

    // ---- checkpoints and proofs through the API ----

    static final String ORIGIN = "custody.test/audit";

    static NoteKey publishedKey() {
        return NoteKey.parse(http.get("/api/v1/audit/log").json().get("verifierKey").asString());
    }

    static MerkleTree recomputedTree() {
        InMemoryNodeStore nodes = new InMemoryNodeStore();
        app.jdbc().queryForList("SELECT leaf_hash FROM audit_record ORDER BY leaf_index", byte[].class)
                .forEach(nodes::append);
        return new MerkleTree(nodes);
    }

    @Test
    void checkpoints_are_signed_at_the_interval_in_the_c2sp_format_and_verify_with_the_published_key()
            throws Exception {
        NoteKey key = publishedKey();
        assertThat(key.name()).isEqualTo(ORIGIN);
        JsonNode listed = http.get("/api/v1/audit/checkpoints?after=0&limit=1000").json();
        List<Long> sizes = new java.util.ArrayList<>();
        MerkleTree tree = recomputedTree();
        for (JsonNode entry : listed) {
            Checkpoint checkpoint = Checkpoint.verify(entry.get("checkpoint").asString(), key, ORIGIN);
            assertThat(checkpoint.size()).isEqualTo(entry.get("treeSize").asLong());
            assertThat(checkpoint.rootHash()).isEqualTo(tree.root(checkpoint.size()));
            sizes.add(checkpoint.size());
        }
        assertThat(sizes).contains(firstCheckpoint, secondCheckpoint).isSorted();
        Http.Response latest = http.get("/api/v1/audit/checkpoint");
        assertThat(latest.status()).isEqualTo(200);
        assertThat(Checkpoint.verify(latest.body(), key, ORIGIN).size()).isEqualTo(secondCheckpoint);
    }

    @Test
    void a_consistency_proof_between_two_checkpoints_verifies_against_their_signed_roots() throws Exception {
        NoteKey key = publishedKey();
        byte[] first = root(key, firstCheckpoint);
        byte[] second = root(key, secondCheckpoint);
        JsonNode proof = http.get("/api/v1/audit/consistency-proof?from=" + firstCheckpoint + "&to="
                + secondCheckpoint).json();
        List<byte[]> hashes = new java.util.ArrayList<>();
        proof.get("proof").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asString())));
        assertThat(MerkleProofs.verifyConsistency(firstCheckpoint, secondCheckpoint, hashes, first, second)).isTrue();
        assertThat(MerkleProofs.verifyConsistency(firstCheckpoint - 1, secondCheckpoint, hashes,
                recomputedTree().root(firstCheckpoint - 1), second)).isFalse();

        Http.Response backwards = http.get("/api/v1/audit/consistency-proof?from=" + secondCheckpoint + "&to="
                + firstCheckpoint);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("error").get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(http.get("/api/v1/audit/consistency-proof?from=1&to=999999").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/audit/consistency-proof?from=x&to=2").status()).isEqualTo(400);
    }

    @Test
    void the_hash_tiles_give_a_verifier_the_signed_root_and_nothing_else_is_served_under_tile() throws Exception {
        NoteKey key = publishedKey();
        byte[] signedRoot = root(key, secondCheckpoint);
        List<byte[]> leaves = new java.util.ArrayList<>();
        for (long n = 0; n * 256 < secondCheckpoint; n++) {
            long width = Math.min(256, secondCheckpoint - n * 256);
            String index = new io.custody.audit.merkle.Tile(0, n, (int) width).path().substring("tile/0/".length());
            java.net.http.HttpResponse<byte[]> tile = Http.client().send(http.request("/api/v1/audit/tile/0/" + index)
                    .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(tile.statusCode()).as(index).isEqualTo(200);
            assertThat(tile.body()).hasSize((int) width * 32);
            for (int i = 0; i < width; i++) {
                leaves.add(java.util.Arrays.copyOfRange(tile.body(), i * 32, i * 32 + 32));
            }
        }
        // the tiles' leaf hashes are the records' own, and RFC 9162's MTH over them is the signed root
        assertThat(leaves.get(0)).isEqualTo(app.jdbc().queryForObject(
                "SELECT leaf_hash FROM audit_record WHERE leaf_index = 0", byte[].class));
        assertThat(mth(leaves)).isEqualTo(signedRoot);

        assertThat(http.get("/api/v1/audit/tile/0/x000/000").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/audit/tile/0/0").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/audit/tile/0/999.p/1").status()).isEqualTo(404);
        Http.Response entries = http.get("/api/v1/audit/tile/entries/000");
        assertThat(entries.status()).isEqualTo(404);
        assertThat(entries.json().get("error").get("code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void the_portable_form_the_processor_makes_from_a_message_is_the_one_the_tool_makes_from_the_stored_row() {
        // With Axon Server there is no JDBC row: the processor records the event's portable form (v2) built from
        // the message, which the audit tool rebuilds from what Axon Server returns (ADR audit-010). Both must agree
        // for the same event; here the message comes from the JDBC store, whose row gives the tool's side.
        var serializer = app.context().getBean("eventSerializer", org.axonframework.serialization.Serializer.class);
        var store = app.context().getBean(org.axonframework.eventsourcing.eventstore.EventStore.class);
        List<String> aggregates = app.jdbc().queryForList(
                "SELECT DISTINCT aggregateIdentifier FROM DomainEventEntry ORDER BY aggregateIdentifier LIMIT 5",
                String.class);
        int compared = 0;
        for (String aggregate : aggregates) {
            for (var message : store.readEvents(aggregate).asStream().toList()) {
                var row = io.custody.query.audit.StoredEvents.byId(app.jdbc(), message.getIdentifier()).orElseThrow();
                var fromMessage = io.custody.query.audit.StoredEvents.portable(message, serializer);
                assertThat(io.custody.audit.record.StoredEventHash.of(fromMessage)).as(message.getIdentifier())
                        .isEqualTo(io.custody.audit.record.StoredEventHash.of(row.portable()))
                        .isNotEqualTo(io.custody.audit.record.StoredEventHash.of(row));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(5);
    }

    private static byte[] mth(List<byte[]> leafHashes) {
        if (leafHashes.size() == 1) {
            return leafHashes.get(0);
        }
        int k = Integer.highestOneBit(leafHashes.size() - 1);
        return io.custody.audit.merkle.MerkleHashes.node(mth(leafHashes.subList(0, k)),
                mth(leafHashes.subList(k, leafHashes.size())));
    }

    private static byte[] root(NoteKey key, long size) throws Exception {
        for (JsonNode entry : http.get("/api/v1/audit/checkpoints?after=0&limit=1000").json()) {
            if (entry.get("treeSize").asLong() == size) {
                return Checkpoint.verify(entry.get("checkpoint").asString(), key, ORIGIN).rootHash();
            }
        }
        throw new AssertionError("no checkpoint of size " + size);
    }

    @Test
    void a_records_inclusion_proof_and_offline_bundle_verify_and_another_organisation_cannot_see_it()
            throws Exception {
        long index = app.jdbc().queryForObject(
                "SELECT min(leaf_index) FROM audit_record WHERE event_type = 'ProposalApproved'", Long.class);
        JsonNode proof = http.get("/api/v1/audit/organisations/test-org/records/" + index + "/inclusion-proof")
                .json();
        assertThat(proof.get("treeSize").asLong()).isEqualTo(secondCheckpoint);
        List<byte[]> path = new java.util.ArrayList<>();
        proof.get("path").forEach(h -> path.add(Base64.getDecoder().decode(h.asString())));
        NoteKey key = publishedKey();
        Checkpoint checkpoint = Checkpoint.verify(proof.get("checkpoint").asString(), key, ORIGIN);
        assertThat(MerkleProofs.verifyInclusion(index, checkpoint.size(),
                Base64.getDecoder().decode(proof.get("leafHash").asString()), path, checkpoint.rootHash())).isTrue();

        Http.Response bundle = http.get("/api/v1/audit/organisations/test-org/records/" + index + "/proof-bundle");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.header("Content-Disposition")).contains(".tlog-proof");
        ProofBundle parsed = ProofBundle.parse(bundle.body());
        assertThat(parsed.verify(key, ORIGIN).size()).isEqualTo(secondCheckpoint);
        AuditRecord record = AuditRecordFactory.record(storedEventsInLeafOrder().get((int) index),
                w -> Optional.of("test-org"));
        assertThat(parsed.leafData()).isEqualTo(AuditRecordEncoding.encode(record));

        for (String path2 : List.of("", "/inclusion-proof", "/proof-bundle")) {
            Http.Response foreign = http.get("/api/v1/audit/organisations/audit-org-b/records/" + index + path2);
            assertThat(foreign.status()).as(path2).isEqualTo(404);
            assertThat(foreign.body()).doesNotContain(walletA);
        }
        assertThat(http.get("/api/v1/audit/organisations/Not_An_Org/records/0").status()).isEqualTo(400);
    }

    @Test
    void records_are_searched_by_wallet_actor_type_and_time_and_paged() {
        JsonNode approvals = http.get("/api/v1/audit/organisations/test-org/records?walletId=" + walletA
                + "&eventType=ProposalApproved").json();
        assertThat(approvals.get("total").asLong()).isEqualTo(2);
        String member = http.get("/api/v1/me").json().get("subject").asString();
        JsonNode byMember = http.get("/api/v1/audit/organisations/test-org/records?actor=" + member
                + "&eventType=ProposalApproved").json();
        assertThat(byMember.get("total").asLong()).isEqualTo(2);
        assertThat(byMember.get("items").get(0).get("record").get("actor").asString()).isEqualTo(member);
        JsonNode bySomeoneElse = http.get("/api/v1/audit/organisations/test-org/records?actor="
                + UUID.randomUUID()).json();
        assertThat(bySomeoneElse.get("total").asLong()).isZero();

        long all = http.get("/api/v1/audit/organisations/test-org/records").json().get("total").asLong();
        assertThat(all).isEqualTo(app.jdbc().queryForObject(
                "SELECT count(*) FROM audit_record WHERE organisation_id = 'test-org'", Long.class));
        JsonNode page1 = http.get("/api/v1/audit/organisations/test-org/records?size=2&page=1").json();
        assertThat(page1.get("items")).hasSize(2);
        assertThat(page1.get("items").get(0).get("leafIndex").asLong())
                .isGreaterThan(http.get("/api/v1/audit/organisations/test-org/records?size=2&page=0").json()
                        .get("items").get(1).get("leafIndex").asLong());
        String future = Instant.now().plusSeconds(3600).toString();
        assertThat(http.get("/api/v1/audit/organisations/test-org/records?from=" + future).json().get("total")
                .asLong()).isZero();
        assertThat(http.get("/api/v1/audit/organisations/test-org/records?to=" + future).json().get("total")
                .asLong()).isEqualTo(all);
        Http.Response badTime = http.get("/api/v1/audit/organisations/test-org/records?from=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("error").get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(http.get("/api/v1/audit/organisations/test-org/records?size=100000").status()).isEqualTo(400);
    }

    @Test
    void an_organisations_records_export_as_csv_and_json_lines_and_hold_nothing_of_another() {
        long count = app.jdbc().queryForObject(
                "SELECT count(*) FROM audit_record WHERE organisation_id = 'audit-org-b'", Long.class);
        Http.Response csv = httpB.get("/api/v1/audit/organisations/audit-org-b/export?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("\"leafIndex\",\"leafHash\",\"eventId\"");
        assertThat(lines).hasSize((int) count + 1);
        assertThat(csv.body()).doesNotContain(walletA);

        Http.Response jsonl = httpB.get("/api/v1/audit/organisations/audit-org-b/export?format=jsonl&eventType="
                + "DepositCredited");
        List<JsonNode> rows = jsonl.body().lines().map(l -> Http.JSON.readTree(l)).toList();
        assertThat(rows).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("organisationId").asString()).isEqualTo("audit-org-b");
            assertThat(r.get("eventType").asString()).isEqualTo("DepositCredited");
        });
        assertThat(httpB.get("/api/v1/audit/organisations/audit-org-b/export?format=xml").status()).isEqualTo(400);
    }

    // ---- audit-tool against this log: consistent, then each planted tampering found at exactly its record ----

    static String verifierKey() {
        return http.get("/api/v1/audit/log").json().get("verifierKey").asString();
    }

    static AuditToolRun verify() {
        return AuditToolRun.run(app, true, "verify", "--key=" + verifierKey(), "--json");
    }

    @Test
    void verify_finds_the_untouched_log_consistent_with_the_event_store_and_every_checkpoint() {
        AuditToolRun run = verify();
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode report = run.json();
        assertThat(report.get("outcome").asString()).isEqualTo("CONSISTENT");
        assertThat(report.get("records").asLong()).isEqualTo(secondCheckpoint);
        assertThat(report.get("checkpoints").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(Base64.getDecoder().decode(report.get("rootHash").asString()))
                .isEqualTo(recomputedTree().root(secondCheckpoint));
        AuditToolRun text = AuditToolRun.run(app, true, "verify", "--key=" + verifierKey(), "--no-progress");
        assertThat(text.out()).startsWith("CONSISTENT: " + secondCheckpoint + " records");
    }

    @Test
    void verify_with_another_key_reports_the_first_checkpoint_signature() {
        String impostor = NoteSigner.generate(ORIGIN, new java.security.SecureRandom()).key().verifierKey();
        AuditToolRun run = AuditToolRun.run(app, true, "verify", "--key=" + impostor, "--json");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().get("divergence").get("kind").asString()).isEqualTo("CHECKPOINT_SIGNATURE");
        assertThat(AuditToolRun.run(app, true, "verify", "--key=not-a-key").exitCode()).isEqualTo(2);
    }

    @Test
    void verify_finds_a_record_a_superuser_changed_with_the_trigger_disabled() {
        long index = leafOf("ProposalApproved");
        JdbcTemplate admin = app.adminJdbc();
        String actor = admin.queryForObject("SELECT actor FROM audit_record WHERE leaf_index = ?", String.class, index);
        withTriggerDisabled(() -> admin.update("UPDATE audit_record SET actor = 'mallory' WHERE leaf_index = ?",
                index));
        try {
            AuditToolRun run = verify();
            assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
            JsonNode divergence = run.json().get("divergence");
            assertThat(divergence.get("kind").asString()).isEqualTo("RECORD_CHANGED");
            assertThat(divergence.get("leafIndex").asLong()).isEqualTo(index);
            assertThat(divergence.get("field").asString()).isEqualTo("actor");
            assertThat(divergence.get("expected").asString()).isEqualTo(actor);
            assertThat(divergence.get("found").asString()).isEqualTo("mallory");
        } finally {
            withTriggerDisabled(() -> admin.update("UPDATE audit_record SET actor = ? WHERE leaf_index = ?", actor,
                    index));
        }
        assertThat(verify().exitCode()).isZero();
    }

    @Test
    void verify_finds_an_event_whose_stored_payload_was_changed() {
        long index = leafOf("CustodyWalletRenamed");
        String eventId = app.jdbc().queryForObject("SELECT event_id FROM audit_record WHERE leaf_index = ?",
                String.class, index);
        JdbcTemplate admin = app.adminJdbc();
        byte[] original = admin.queryForObject("SELECT payload FROM DomainEventEntry WHERE eventIdentifier = ?",
                byte[].class, eventId);
        admin.update("UPDATE DomainEventEntry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                + "'renamed', 'RENAMED'), 'UTF8') WHERE eventIdentifier = ?", eventId);
        try {
            AuditToolRun run = verify();
            assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
            JsonNode divergence = run.json().get("divergence");
            assertThat(divergence.get("kind").asString()).isEqualTo("EVENT_CHANGED");
            assertThat(divergence.get("leafIndex").asLong()).isEqualTo(index);
            assertThat(divergence.get("eventId").asString()).isEqualTo(eventId);
            assertThat(divergence.get("field").asString()).isEqualTo("details");
            assertThat(divergence.get("expected").asString()).contains("RENAMED");
            assertThat(divergence.get("found").asString()).contains("renamed");
        } finally {
            admin.update("UPDATE DomainEventEntry SET payload = ? WHERE eventIdentifier = ?", original, eventId);
        }
        assertThat(verify().exitCode()).isZero();
    }

    @Test
    void verify_finds_a_record_a_superuser_deleted_with_the_trigger_disabled() {
        long index = leafOf("WithdrawalReserved");
        String eventId = app.jdbc().queryForObject("SELECT event_id FROM audit_record WHERE leaf_index = ?",
                String.class, index);
        JdbcTemplate admin = app.adminJdbc();
        admin.execute("CREATE TABLE audit_tamper_saved AS SELECT * FROM audit_record WHERE leaf_index = " + index);
        withTriggerDisabled(() -> admin.update("DELETE FROM audit_record WHERE leaf_index = ?", index));
        try {
            AuditToolRun run = verify();
            assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
            JsonNode divergence = run.json().get("divergence");
            assertThat(divergence.get("kind").asString()).isEqualTo("RECORD_MISSING");
            assertThat(divergence.get("leafIndex").asLong()).isEqualTo(index);
            assertThat(divergence.get("eventId").asString()).isEqualTo(eventId);
        } finally {
            admin.execute("INSERT INTO audit_record SELECT * FROM audit_tamper_saved");
            admin.execute("DROP TABLE audit_tamper_saved");
        }
        assertThat(verify().exitCode()).isZero();
    }

    @Test
    void prove_exports_a_bundle_that_check_proof_verifies_offline_and_refuses_once_tampered(@TempDir Path dir)
            throws Exception {
        long index = leafOf("PaymentRouted");
        Path bundle = dir.resolve("record.tlog-proof");
        AuditToolRun prove = AuditToolRun.run(app, true, "prove", "--record=" + index, "--out=" + bundle);
        assertThat(prove.exitCode()).as(prove.err()).isZero();
        AuditToolRun check = AuditToolRun.run(app, false, "check-proof", "--bundle=" + bundle, "--key=" + verifierKey(),
                "--json");
        assertThat(check.exitCode()).as(check.out()).isZero();
        assertThat(check.json().get("record").get("eventType").asString()).isEqualTo("PaymentRouted");
        assertThat(check.json().get("treeSize").asLong()).isEqualTo(secondCheckpoint);

        String impostor = NoteSigner.generate(ORIGIN, new java.security.SecureRandom()).key().verifierKey();
        assertThat(AuditToolRun.run(app, false, "check-proof", "--bundle=" + bundle, "--key=" + impostor)
                .exitCode()).isEqualTo(1);
        List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(bundle));
        int firstHash = lines.get(1).startsWith("extra ") ? 3 : 2;
        lines.set(firstHash, Base64.getEncoder().encodeToString(new byte[32]));
        Path tampered = dir.resolve("tampered.tlog-proof");
        java.nio.file.Files.writeString(tampered, String.join("\n", lines) + "\n");
        AuditToolRun refused = AuditToolRun.run(app, false, "check-proof", "--bundle=" + tampered,
                "--key=" + verifierKey());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).startsWith("NOT VERIFIED");
        assertThat(AuditToolRun.run(app, true, "prove", "--record=999999").exitCode()).isEqualTo(4);
    }

    @Test
    void timeline_and_state_tell_a_wallets_history_and_its_state_at_a_time() {
        AuditToolRun timeline = AuditToolRun.run(app, true, "timeline", "--wallet=" + walletA);
        assertThat(timeline.exitCode()).as(timeline.err()).isZero();
        assertThat(timeline.out()).contains("CustodyWalletCreated", "WithdrawalProposed", "ProposalApproved",
                BOB.address(), "ProposalReady");

        AuditToolRun now = AuditToolRun.run(app, true, "state", "--wallet=" + walletA, "--at="
                + Instant.now().plusSeconds(60), "--json");
        assertThat(now.exitCode()).as(now.err()).isZero();
        JsonNode usdc = now.json().get("balances").get("USDC");
        assertThat(usdc.get("deposited").asString()).isEqualTo("1000000");
        assertThat(usdc.get("reserved").asString()).isEqualTo("250000");
        assertThat(now.json().get("name").asString()).isEqualTo("Treasury A renamed");

        String createdAt = app.jdbc().queryForObject("SELECT occurred_at FROM audit_record WHERE wallet_id = ? "
                + "AND event_type = 'CustodyWalletCreated'", String.class, walletA);
        JsonNode atCreation = AuditToolRun.run(app, true, "state", "--wallet=" + walletA, "--at=" + createdAt,
                "--json").json();
        assertThat(atCreation.get("name").asString()).isEqualTo("Treasury A");
        assertThat(atCreation.get("balances").size()).isZero();

        String proposal = app.jdbc().queryForObject("SELECT target_id FROM audit_record WHERE event_type = "
                + "'WithdrawalProposed'", String.class);
        JsonNode proposalState = AuditToolRun.run(app, true, "state", "--proposal=" + proposal, "--at="
                + Instant.now().plusSeconds(60), "--json").json();
        assertThat(proposalState.get("status").asString()).isEqualTo("READY");
        assertThat(proposalState.get("approvals")).hasSize(2);
        assertThat(AuditToolRun.run(app, true, "state", "--wallet=" + walletA, "--at=yesterday").exitCode())
                .isEqualTo(2);
    }

    private static long leafOf(String eventType) {
        return app.jdbc().queryForObject("SELECT min(leaf_index) FROM audit_record WHERE event_type = ?", Long.class,
                eventType);
    }

    /** As a superuser would: switch the append-only trigger off, change the table, switch it on again. */
    private static void withTriggerDisabled(Runnable change) {
        JdbcTemplate admin = app.adminJdbc();
        admin.execute("ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only");
        try {
            change.run();
        } finally {
            admin.execute("ALTER TABLE audit_record ENABLE TRIGGER audit_record_append_only");
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

    /** A 2-of-2 wallet of the client's organisation, activated with a key (no provisioning runs in this test). */
    static String wallet(Http client, String name) {
        Http.Response created = client.post("/api/v1/wallets", """
                {"name":"%s","signers":["%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(name, ALICE.address(), BOB.address()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String walletId = created.json().get("walletId").asString();
        TestWallets.activate(app.context().getBean(CommandGateway.class), WalletId.parse(walletId));
        return walletId;
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
