package io.custody.infra.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.infra.support.Http;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.RunningApplication;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed Properties 2 and 10 under concurrent load, checked in the event store itself: proposals racing for one
 * wallet's balance never reserve more than it holds, every proposal's opening event has exactly one reservation on
 * its wallet's stream and no reservation exists without its proposal, and a proposal id raced by two wallets opens
 * one proposal only (ADR 013).
 */
class ConcurrentProposalsTest {

    private static final String PAYEE = "0x" + "ab".repeat(20);

    @TempDir
    static Path dataDir;
    private static RunningApplication app;
    private static Http http;

    @BeforeAll
    static void start() {
        app = RunningApplication.start(dataDir);
        http = app.http();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void proposals_racing_for_one_balance_reserve_exactly_what_it_holds_and_each_has_its_reservation() throws Exception {
        SignerKeys.Evm alice = SignerKeys.Evm.of(61);
        SignerKeys.Evm bob = SignerKeys.Evm.of(62);
        String walletId = wallet(alice, bob);
        deposit(walletId, "0xrace:0", 1_000);
        Instant expiresAt = Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add(pool.submit(() -> Proposals.proposeLocal(http, walletId, alice, alice.address(),
                    UUID.randomUUID().toString(), PAYEE, 100, expiresAt).status()));
        }
        int accepted = 0;
        for (Future<Integer> f : sent) {
            int status = f.get();
            assertThat(status).isIn(201, 400, 409);
            accepted += status == 201 ? 1 : 0;
        }
        pool.shutdown();

        assertThat(accepted).isEqualTo(10);
        List<String> reserved = app.jdbc().queryForList("""
                SELECT convert_from(payload, 'UTF8')::json->>'proposalId' FROM DomainEventEntry
                WHERE aggregateIdentifier = ? AND payloadType LIKE '%WithdrawalReserved'""", String.class, walletId);
        List<String> opened = app.jdbc().queryForList("""
                SELECT aggregateIdentifier FROM DomainEventEntry
                WHERE payloadType LIKE '%WithdrawalProposed'
                AND convert_from(payload, 'UTF8')::json->>'walletId' = ?""", String.class, walletId);
        assertThat(reserved).hasSize(10).containsExactlyInAnyOrderElementsOf(opened);
        List<Long> nonces = app.jdbc().queryForList("""
                SELECT (convert_from(payload, 'UTF8')::json->>'nonce')::bigint FROM DomainEventEntry
                WHERE aggregateIdentifier = ? AND payloadType LIKE '%WithdrawalReserved'
                ORDER BY sequenceNumber""", Long.class, walletId);
        assertThat(nonces).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void one_proposal_id_raced_by_two_wallets_opens_one_proposal_and_reserves_in_one_wallet_only() throws Exception {
        SignerKeys.Evm alice = SignerKeys.Evm.of(63);
        SignerKeys.Evm bob = SignerKeys.Evm.of(64);
        for (int round = 0; round < 5; round++) {
            String first = wallet(alice, bob);
            String second = wallet(alice, bob);
            deposit(first, "0xa:" + round, 50);
            deposit(second, "0xb:" + round, 50);
            String proposalId = UUID.randomUUID().toString();
            Instant expiresAt = Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Map<String, Http.Response> answers = new ConcurrentHashMap<>();
            List<Future<?>> both = List.of(
                    pool.submit(() -> answers.put(first, Proposals.proposeLocal(http, first, alice, alice.address(),
                            proposalId, PAYEE, 10, expiresAt))),
                    pool.submit(() -> answers.put(second, Proposals.proposeLocal(http, second, alice, alice.address(),
                            proposalId, PAYEE, 10, expiresAt))));
            for (Future<?> f : both) {
                f.get();
            }
            pool.shutdown();

            List<Integer> statuses = answers.values().stream().map(Http.Response::status).sorted().toList();
            assertThat(statuses).as(answers.toString()).containsExactly(201, 409);
            String loser = answers.get(first).status() == 409 ? first : second;
            assertThat(answers.get(loser).json().get("error").get("reason").asString()).isEqualTo("ID_TAKEN");
            Integer reservations = app.jdbc().queryForObject("""
                    SELECT count(*) FROM DomainEventEntry
                    WHERE payloadType LIKE '%WithdrawalReserved'
                    AND convert_from(payload, 'UTF8')::json->>'proposalId' = ?""",
                    Integer.class, proposalId);
            assertThat(reservations).isEqualTo(1);
            Integer loserEvents = app.jdbc().queryForObject("""
                    SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?
                    AND payloadType LIKE '%WithdrawalReserved'""", Integer.class, loser);
            assertThat(loserEvents).isZero();
        }
    }

    private static String wallet(SignerKeys.Evm a, SignerKeys.Evm b) {
        Http.Response created = http.post("/api/v1/wallets", """
                {"name":"Race","signers":["%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(a.address(), b.address()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("walletId").asString();
    }

    private static void deposit(String walletId, String depositId, long amount) {
        io.custody.infra.support.TestWallets.activate(app.context().getBean(CommandGateway.class), WalletId.parse(walletId));
        app.context().getBean(CommandGateway.class).sendAndWait(new ConfirmDeposit(WalletId.parse(walletId),
                new DepositId(depositId), new TokenId("USDC"), Amount.of(amount)));
    }
}
