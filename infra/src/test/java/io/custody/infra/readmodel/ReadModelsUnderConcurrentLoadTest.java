package io.custody.infra.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositConfirmed;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.WalletId;
import io.custody.infra.support.Http;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.Processors;
import io.custody.infra.support.RunningApplication;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.ProposalApproved;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalRequestPayload;
import io.custody.api.withdrawal.ProposalSigningPayload;
import io.custody.api.withdrawal.WithdrawalProposed;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight clients write concurrently for a bounded time (wallets, policy, deposits, proposals and votes), so that
 * transactions commit out of global-index order as they do in production; afterwards every event of the event store must be reflected in every read model, row by
 * row: nothing missing, nothing duplicated, versions and sums exact.
 */
class ReadModelsUnderConcurrentLoadTest {

    static final int CLIENTS = 8;
    static final Duration LOAD = Duration.ofSeconds(15);
    /** Bounds each client even on a fast machine. */
    static final int MAX_OPERATIONS_PER_CLIENT = 1_500;

    @TempDir
    static Path dataDir;
    static RunningApplication app;

    @BeforeAll
    static void start() {
        app = RunningApplication.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    @Test
    void after_eight_concurrent_clients_every_stored_event_is_in_every_read_model_exactly_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long deadline = System.nanoTime() + LOAD.toNanos();
        List<Future<Integer>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            LoadClient client = new LoadClient(app.http(), app.context().getBean(CommandGateway.class),
                    new Random(c), "load-org-" + (c % 3));
            clients.add(pool.submit(() -> client.run(deadline, MAX_OPERATIONS_PER_CLIENT)));
        }
        int operations = 0;
        for (Future<Integer> client : clients) {
            operations += client.get(LOAD.toSeconds() + 120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        new Processors(app).awaitCaughtUp(ProcessorResetIntegrationTest.processorNames());
        EventStoreAudit audit = EventStoreAudit.of(app);

        System.out.printf("load: %d operations, %d events, %d wallets, %d deposits, %d proposals, %d approvals%n",
                operations, audit.events().size(), audit.count(CustodyWalletCreated.class),
                audit.count(DepositConfirmed.class), audit.count(WithdrawalProposed.class),
                audit.count(ProposalApproved.class));
        assertThat(operations).isGreaterThan(CLIENTS);
        assertThat(audit.count(CustodyWalletCreated.class)).isGreaterThan(CLIENTS);
        assertThat(audit.count(DepositConfirmed.class)).isPositive();
        assertThat(audit.count(WithdrawalProposed.class)).isPositive();
        assertThat(audit.count(ProposalApproved.class)).isPositive();
        assertThat(audit.walletViewDifferences()).isEmpty();
        assertThat(audit.eventLogDifferences()).isEmpty();
        assertThat(audit.balanceDifferences()).isEmpty();
        assertThat(audit.proposalDifferences()).isEmpty();
        assertThat(audit.rowsWithoutOrganisation()).isEmpty();
    }

    /**
     * One client: creates wallets and changes them at random (policy, deposits, proposals and votes signed with real
     * EIP-712 signatures), until the deadline or its operation budget. Each client owns its wallets.
     */
    static final class LoadClient {

        static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(71);
        static final SignerKeys.Evm BOB = SignerKeys.Evm.of(72);
        static final SignerKeys.Evm CAROL = SignerKeys.Evm.of(73);
        static final String PAYEE = "0x" + "ab".repeat(20);

        private final Http http;
        private final CommandGateway commands;
        private final Random random;
        private final String organisation;
        private final List<String> wallets = new ArrayList<>();

        /** @param commands for deposits, which have no HTTP endpoint; {@code null} when the application is remote */
        LoadClient(Http http, CommandGateway commands, Random random, String organisation) {
            this.http = http;
            this.commands = commands;
            this.random = random;
            this.organisation = organisation;
        }

        LoadClient withWallets(List<String> funded) {
            wallets.addAll(funded);
            return this;
        }

        int run(long deadline, int maxOperations) {
            int done = 0;
            while (done < maxOperations && System.nanoTime() < deadline) {
                step();
                done++;
            }
            return done;
        }

        private void step() {
            if (wallets.isEmpty() || random.nextInt(10) < 2) {
                Http.Response created = http.post("/api/v1/wallets", """
                        {"name":"Load %s","signers":["%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                        .formatted(organisation, ALICE.address(), BOB.address()));
                if (created.status() != 201) return;
                String wallet = created.json().get("walletId").asString();
                wallets.add(wallet);
                if (commands != null) {
                    // funded from the start, so that most proposals are admitted and walk on to votes
                    io.custody.infra.support.TestWallets.activate(commands, WalletId.parse(wallet));
                    commands.sendAndWait(new ConfirmDeposit(WalletId.parse(wallet), new DepositId("0xfund:" + wallet),
                            new TokenId("USDC"), Amount.of(10_000_000)));
                }
                return;
            }
            String wallet = wallets.get(random.nextInt(wallets.size()));
            String path = "/api/v1/wallets/" + wallet;
            // outcomes are not asserted: refusals write no event, and the audit compares whatever was written
            switch (random.nextInt(12)) {
                case 0 -> http.patch(path, "{\"name\":\"Load " + random.nextInt(1000) + "\"}");
                case 1 -> http.send("PUT", path + "/withdrawal-delay", "application/json", "{\"hours\":0}");
                case 2 -> http.send("PUT", path + "/limits/USDC", "application/json",
                        "{\"single\":\"" + (1 + random.nextInt(10_000)) + "\"}");
                case 3 -> http.send("PUT", path + "/whitelist/" + PAYEE, null, null);
                case 4 -> http.send("DELETE", path + "/whitelist/" + PAYEE, null, null);
                case 5 -> http.send("PUT", path + "/signers/" + CAROL.address(), null, null);
                case 6 -> http.send("DELETE", path + "/signers/" + CAROL.address(), null, null);
                case 7 -> http.send("PUT", path + "/threshold", "application/json",
                        "{\"threshold\":" + (2 + random.nextInt(2)) + "}");
                case 8, 9 -> proposeAndVote(wallet);
                default -> {
                    if (commands == null) {
                        proposeAndVote(wallet);
                        return;
                    }
                    io.custody.infra.support.TestWallets.activate(commands, WalletId.parse(wallet));
                    commands.sendAndWait(new ConfirmDeposit(WalletId.parse(wallet),
                        new DepositId("0xload:" + UUID.randomUUID()),
                            new TokenId(random.nextBoolean() ? "USDC" : "USDT"),
                            Amount.of(1 + random.nextInt(1_000_000))));
                }
            }
        }

        /** Proposes, then either every signer approves or one rejects, which ends the proposal one way or the other. */
        private void proposeAndVote(String wallet) {
            String proposal = UUID.randomUUID().toString();
            long amount = 1 + random.nextInt(5_000);
            Instant expiresAt = Instant.now().plusSeconds(3_600).truncatedTo(ChronoUnit.SECONDS);
            DestinationAddress to = new DestinationAddress(ChainFamily.EVM, PAYEE);
            var request = new ProposalRequestPayload(WalletId.parse(wallet), ProposalId.parse(proposal),
                    new TokenId("USDC"), Amount.of(amount), to, expiresAt);
            Http.Response proposed = http.post("/api/v1/wallets/" + wallet + "/proposals", """
                    {"proposalId":"%s","proposer":"%s","to":"%s","token":"USDC","amount":"%d","expiresAt":"%s",
                     "signature":"%s"}""".formatted(proposal, ALICE.address(), PAYEE, amount, expiresAt,
                    ALICE.signTypedData(request.eip712Json())));
            if (proposed.status() != 201) return;
            // the nonce is the wallet's to give; a signer reads it where a wallet application would
            String self = "/api/v1/wallets/" + wallet + "/proposals/" + proposal;
            Http.Response view = http.get(self);
            for (int i = 0; i < 50 && view.status() == 404; i++) {
                sleep(100);
                view = http.get(self);
            }
            if (view.status() != 200) return;
            long nonce = view.json().get("nonce").asLong();
            var decision = new ProposalSigningPayload(WalletId.parse(wallet), ProposalId.parse(proposal), nonce,
                    new TokenId("USDC"), Amount.of(amount), to, expiresAt);
            if (random.nextInt(4) == 0) {
                vote(self + "/rejections", BOB, decision.eip712Json(Decision.REJECT));
                return;
            }
            for (SignerKeys.Evm signer : List.of(ALICE, BOB, CAROL)) {
                vote(self + "/approvals", signer, decision.eip712Json(Decision.APPROVE));
            }
        }

        private void vote(String path, SignerKeys.Evm signer, String typedData) {
            http.post(path, "{\"signer\":\"" + signer.address() + "\",\"signature\":\"" + signer.signTypedData(typedData)
                    + "\",\"reason\":\"load\"}");
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
