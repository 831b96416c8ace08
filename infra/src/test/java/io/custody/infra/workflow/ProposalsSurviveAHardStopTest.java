package io.custody.infra.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalSigningPayload;
import io.custody.infra.CustodyApplication;
import io.custody.infra.support.ChildJvm;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.Http;
import io.custody.infra.support.TestIdentity;
import io.custody.infra.support.RunningApplication;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Proposals, approvals and rejections under concurrent load, with the application killed hard (SIGKILL) in the middle
 * of it, then started again on the same data. Nothing acknowledged is lost, no proposal exists without its wallet's
 * reservation or the other way round, no reservation outlives a rejection, nonces have neither gaps nor repeats, and
 * the read models agree with the event store row by row (ADR 013).
 */
class ProposalsSurviveAHardStopTest {

    private static final int WALLETS = 6;
    private static final long FUNDS = 1_000_000;
    private static final String PAYEE = "0x" + "ab".repeat(20);
    private static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(71);
    private static final SignerKeys.Evm BOB = SignerKeys.Evm.of(72);

    @TempDir
    Path dataDir;

    /** What the load was told: proposals answered 201 and votes answered 204, by proposal id. */
    private final Set<String> acknowledgedProposals = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> acknowledgedVotes = new ConcurrentHashMap<>();

    @Test
    void nothing_acknowledged_is_lost_and_every_store_agrees_after_a_kill_during_concurrent_proposals()
            throws Exception {
        List<String> wallets = new ArrayList<>();
        try (RunningApplication app = RunningApplication.start(dataDir)) {
            Http http = app.http();
            for (int i = 0; i < WALLETS; i++) {
                String id = http.post("/api/v1/wallets", """
                        {"name":"Kill %d","signers":["%s","%s"],"threshold":2,
                         "chainFamily":"EVM"}""".formatted(i, ALICE.address(), BOB.address()))
                        .json().get("walletId").asString();
                io.custody.infra.support.TestWallets.activate(app.context().getBean(CommandGateway.class), WalletId.parse(id));
                app.context().getBean(CommandGateway.class).sendAndWait(new ConfirmDeposit(WalletId.parse(id),
                        new DepositId("0xkill:" + i), new TokenId("USDC"), Amount.of(FUNDS)));
                wallets.add(id);
            }
        }

        int port = ChildJvm.freePort();
        try (ChildJvm child = ChildJvm.start(dataDir.resolve("child.log"), CustodyApplication.class.getName(),
                TestIdentity.withArguments(dataDir, "--server.port=" + port, "--server.address=127.0.0.1",
                "--custody.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                "--custody.mpc.data-dir=" + dataDir.resolve("mpc"), "--custody.provisioning.enabled=false",
                "--custody.execution.enabled=false", "--custody.chain.local-node.enabled=false"))) {
            Http http = TestIdentity.http("http://127.0.0.1:" + port, dataDir);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> child.answersReady(http));
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService load = Executors.newFixedThreadPool(WALLETS);
            for (String wallet : wallets) {
                load.submit(() -> drive(http, wallet, running));
            }
            Thread.sleep(6_000);
            child.killHard();
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledgedProposals).as("the load got some proposals in before the kill").isNotEmpty();

        try (RunningApplication app = RunningApplication.start(dataDir)) {
            EventStore store = new EventStore(app);
            Http http = app.http();
            assertThat(store.proposalIds()).as("no acknowledged proposal is lost")
                    .containsAll(acknowledgedProposals);
            acknowledgedVotes.forEach((proposal, votes) -> assertThat(store.voters(proposal))
                    .as("no acknowledged vote on %s is lost", proposal).containsAll(votes));
            for (String wallet : wallets) {
                Map<String, JsonNode> reserved = store.walletEvents(wallet, "WithdrawalReserved");
                Map<String, JsonNode> opened = store.proposalsOf(wallet);
                assertThat(reserved.keySet()).as("each proposal has its reservation and no other reservation exists")
                        .isEqualTo(opened.keySet());
                opened.forEach((id, event) -> assertThat(reserved.get(id).get("amount").asString())
                        .isEqualTo(event.get("amount").asString()));
                List<Long> nonces = reserved.values().stream().map(e -> e.get("nonce").asLong()).sorted().toList();
                assertThat(nonces).as("nonces without gaps or repeats")
                        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, nonces.size()).boxed().toList());
                Map<String, JsonNode> released = store.walletEvents(wallet, "ReservationReleased");
                Set<String> rejected = store.proposalsWith(wallet, "ProposalRejected");
                assertThat(released.keySet()).as("a reservation is released exactly when its proposal was rejected")
                        .isEqualTo(rejected);

                BigInteger stillReserved = BigInteger.ZERO;
                for (var entry : reserved.entrySet()) {
                    if (!released.containsKey(entry.getKey())) {
                        stillReserved = stillReserved.add(new BigInteger(entry.getValue().get("amount").asString()));
                    }
                }
                BigInteger expectedReserved = stillReserved;
                await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                    JsonNode usdc = http.get("/api/v1/wallets/" + wallet + "/balances").json().get("balances").get(0);
                    assertThat(new BigInteger(usdc.get("deposited").asString())).isEqualTo(BigInteger.valueOf(FUNDS));
                    assertThat(new BigInteger(usdc.get("reserved").asString())).isEqualTo(expectedReserved);
                });
                for (String id : opened.keySet()) {
                    String status = store.statusOf(id);
                    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                        Http.Response view = http.get("/api/v1/wallets/" + wallet + "/proposals/" + id);
                        assertThat(view.status()).isEqualTo(200);
                        assertThat(view.json().get("status").asString()).as(id).isEqualTo(status);
                    });
                }
                // and the wallet carries on from where the store says it is
                Http.Response next = Proposals.proposeLocal(http, wallet, ALICE, ALICE.address(),
                        UUID.randomUUID().toString(), PAYEE, 1, Instant.now().plusSeconds(600)
                                .truncatedTo(ChronoUnit.SECONDS));
                assertThat(next.status()).as(next.body()).isEqualTo(201);
                assertThat(store.walletEvents(wallet, "WithdrawalReserved")).hasSize(nonces.size() + 1);
            }
        }
    }

    /** One wallet's proposals in sequence, so the client knows each nonce; votes decided at random. */
    private void drive(Http http, String wallet, AtomicBoolean running) {
        long nonce = 0;
        while (running.get()) {
            String id = UUID.randomUUID().toString();
            long amount = ThreadLocalRandom.current().nextLong(1, 1_000);
            Instant expiresAt = Instant.now().plusSeconds(3_600).truncatedTo(ChronoUnit.SECONDS);
            try {
                Http.Response proposed = Proposals.proposeLocal(http, wallet, ALICE, ALICE.address(), id, PAYEE,
                        amount, expiresAt);
                if (proposed.status() != 201) {
                    continue;
                }
                acknowledgedProposals.add(id);
                nonce++;
                ProposalSigningPayload payload = new ProposalSigningPayload(WalletId.parse(wallet),
                        ProposalId.parse(id), nonce, new TokenId("USDC"), Amount.of(amount),
                        new DestinationAddress(ChainFamily.EVM, PAYEE), expiresAt);
                int dice = ThreadLocalRandom.current().nextInt(4);
                if (dice < 2) {
                    vote(http, wallet, id, ALICE, payload, Decision.APPROVE);
                    vote(http, wallet, id, BOB, payload, Decision.APPROVE);
                } else if (dice == 2) {
                    vote(http, wallet, id, BOB, payload, Decision.REJECT);
                }
            } catch (RuntimeException connectionLost) {
                return; // the application was killed
            }
        }
    }

    private void vote(Http http, String wallet, String id, SignerKeys.Evm signer, ProposalSigningPayload payload,
                      Decision decision) {
        String kind = decision == Decision.APPROVE ? "approvals" : "rejections";
        Http.Response voted = http.post("/api/v1/wallets/" + wallet + "/proposals/" + id + "/" + kind,
                "{\"signer\":\"" + signer.address() + "\",\"signature\":\""
                        + signer.signTypedData(payload.eip712Json(decision)) + "\"}");
        if (voted.status() == 204) {
            acknowledgedVotes.computeIfAbsent(id, k -> new ArrayList<>()).add(signer.address().toLowerCase());
        }
    }


    /** The event store read directly, as the comparison's source of truth. */
    private static final class EventStore {
        private final RunningApplication app;

        EventStore(RunningApplication app) {
            this.app = app;
        }

        private List<Map<String, Object>> rows(String sql, Object... args) {
            return app.jdbc().queryForList(sql, args);
        }

        private static JsonNode json(Object payload) {
            return Http.JSON.readTree(new String((byte[]) payload, java.nio.charset.StandardCharsets.UTF_8));
        }

        Set<String> proposalIds() {
            Set<String> ids = new java.util.HashSet<>();
            rows("SELECT aggregateIdentifier FROM DomainEventEntry WHERE type = 'WithdrawalProposal' "
                    + "AND sequenceNumber = 0").forEach(r -> ids.add((String) r.get("aggregateIdentifier")));
            return ids;
        }

        List<String> voters(String proposalId) {
            List<String> voters = new ArrayList<>();
            rows("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? AND (payloadType LIKE "
                    + "'%ProposalApproved' OR payloadType LIKE '%ProposalRejectionCast')", proposalId)
                    .forEach(r -> voters.add(json(r.get("payload")).get("signer").get("value").asString()
                            .toLowerCase()));
            return voters;
        }

        /** The wallet's events of one type, by proposal id. */
        Map<String, JsonNode> walletEvents(String walletId, String type) {
            Map<String, JsonNode> byProposal = new HashMap<>();
            rows("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType LIKE ?",
                    walletId, "%." + type).forEach(r -> {
                        JsonNode event = json(r.get("payload"));
                        assertThat(byProposal.put(event.get("proposalId").asString(), event))
                                .as("one %s per proposal", type).isNull();
                    });
            return byProposal;
        }

        Map<String, JsonNode> proposalsOf(String walletId) {
            Map<String, JsonNode> opened = new HashMap<>();
            rows("SELECT aggregateIdentifier, payload FROM DomainEventEntry WHERE type = 'WithdrawalProposal' "
                    + "AND sequenceNumber = 0").forEach(r -> {
                        JsonNode event = json(r.get("payload"));
                        if (event.get("walletId").asString().equals(walletId)) {
                            opened.put((String) r.get("aggregateIdentifier"), event);
                        }
                    });
            return opened;
        }

        Set<String> proposalsWith(String walletId, String type) {
            Set<String> ids = new java.util.HashSet<>();
            proposalsOf(walletId).keySet().forEach(id -> {
                if (!rows("SELECT 1 FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType LIKE ?", id,
                        "%." + type).isEmpty()) {
                    ids.add(id);
                }
            });
            return ids;
        }

        String statusOf(String proposalId) {
            String status = "PENDING";
            for (var r : rows("SELECT payloadType FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                    + "ORDER BY sequenceNumber", proposalId)) {
                String type = ((String) r.get("payloadType")).substring(((String) r.get("payloadType"))
                        .lastIndexOf('.') + 1);
                status = switch (type) {
                    case "ProposalReady" -> "READY";
                    case "ProposalRejected" -> "REJECTED";
                    case "ProposalExpired" -> "EXPIRED";
                    case "WithdrawalExecutionStarted" -> "EXECUTING";
                    case "WithdrawalCompleted" -> "COMPLETED";
                    case "WithdrawalFailed" -> "FAILED";
                    default -> status;
                };
            }
            return status;
        }
    }
}
