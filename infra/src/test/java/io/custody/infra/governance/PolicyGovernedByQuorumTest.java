package io.custody.infra.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.TestWallets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11's "policy is governed by the quorum", over HTTP on the real application with a setup window of zero (every
 * wallet is sealed at once) and a twenty-second time lock: an administrator alone cannot take a funded 2-of-2 wallet
 * over (every loosening step is refused and the wallet's row stays as it was), while its two signers add a third
 * signer through a policy change that waits out the time lock (its deadline surviving a restart of the application),
 * and a second change is cancelled by a signer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyGovernedByQuorumTest {

    static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(9101);
    static final SignerKeys.Evm BOB = SignerKeys.Evm.of(9102);
    static final SignerKeys.Evm CAROL = SignerKeys.Evm.of(9103);
    static final SignerKeys.Evm MALLORY = SignerKeys.Evm.of(9104);
    static final long FUNDS = 5_000_000;
    /** Long enough for the test to cancel one change and stop the application before the other takes effect. */
    static final String TIME_LOCK = "PT20S";

    @TempDir
    static Path dataDir;
    static RunningApplication app;
    static Http admin;
    static String walletId;
    static String base;

    @BeforeAll
    static void sealedFundedTwoOfTwoWallet() {
        app = RunningApplication.start(dataDir, "--custody.governance.setup-window=PT0S",
                "--custody.governance.time-lock=" + TIME_LOCK);
        admin = app.http();
        Http.Response created = admin.post("/api/v1/wallets", """
                {"name":"Treasury","signers":["%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(ALICE.address(), BOB.address()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        walletId = created.json().get("walletId").asString();
        base = "/api/v1/wallets/" + walletId;
        CommandGateway commands = app.context().getBean(CommandGateway.class);
        TestWallets.activate(commands, WalletId.parse(walletId));
        commands.sendAndWait(new ConfirmDeposit(WalletId.parse(walletId), new DepositId("0xquorum:1"),
                new TokenId("USDC"), Amount.of(FUNDS)));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Http.Response balances = admin.get(base + "/balances");
            return balances.status() == 200 && balances.json().get("balances").size() == 1;
        });
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    static JsonNode walletRow() {
        Http.Response wallet = admin.get(base);
        assertThat(wallet.status()).as(wallet.body()).isEqualTo(200);
        return wallet.json();
    }

    static String expiresAt() {
        return Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String propose(String change) {
        String id = UUID.randomUUID().toString();
        Http.Response proposed = admin.post(base + "/policy-changes", "{\"changeId\":\"" + id + "\",\"change\":"
                + change + ",\"expiresAt\":\"" + expiresAt() + "\"}");
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get(base + "/policy-changes/" + id).status() == 200);
        return id;
    }

    static Http.Response decide(String changeId, String decision, SignerKeys.Evm signer) {
        return send(changeId, decision, signer, signed(changeId, decision, signer));
    }

    static String signed(String changeId, String decision, SignerKeys.Evm signer) {
        Http.Response payload = admin.get(base + "/policy-changes/" + changeId + "/signing-payload?decision="
                + decision);
        assertThat(payload.status()).as(payload.body()).isEqualTo(200);
        return signer.signTypedData(payload.json().get("eip712TypedData").toString());
    }

    static Http.Response send(String changeId, String decision, SignerKeys.Evm signer, String signature) {
        String path = decision.equals("approve") ? "/approvals" : "/cancellation";
        return admin.post(base + "/policy-changes/" + changeId + path,
                "{\"signer\":\"" + signer.address() + "\",\"signature\":\"" + signature + "\"}");
    }

    static String status(String changeId) {
        return admin.get(base + "/policy-changes/" + changeId).json().get("status").asString();
    }

    @Test
    @Order(1)
    void an_administrator_alone_cannot_take_the_sealed_wallet_over_and_nothing_changes() {
        JsonNode before = walletRow();
        List<Http.Response> steps = List.of(
                admin.send("PUT", base + "/signers/" + MALLORY.address(), null, null),
                admin.put(base + "/threshold", "{\"threshold\":1}"),
                admin.send("DELETE", base + "/signers/" + BOB.address(), null, null),
                admin.send("PUT", base + "/whitelist/" + MALLORY.address(), null, null));
        assertThat(steps).allSatisfy(step -> {
            assertThat(step.status()).as(step.body()).isEqualTo(409);
            assertThat(step.json().get("error").get("reason").asString()).isEqualTo("QUORUM_REQUIRED");
            assertThat(step.json().get("error").get("message").asString()).contains("/policy-changes");
        });
        // the read model caught up with nothing: the row is the same, field by field
        JsonNode after = walletRow();
        assertThat(after.get("signers")).isEqualTo(before.get("signers"));
        assertThat(after.get("threshold")).isEqualTo(before.get("threshold"));
        assertThat(after.get("config")).isEqualTo(before.get("config"));
        assertThat(after.get("version")).isEqualTo(before.get("version"));
        assertThat(after.get("config").get("whitelist")).isEmpty();
        // tightening stays the administrator's to do at once
        Http.Response longer = admin.put(base + "/withdrawal-delay", "{\"hours\":1}");
        assertThat(longer.status()).as(longer.body()).isEqualTo(204);
        Http.Response shorter = admin.put(base + "/withdrawal-delay", "{\"hours\":0}");
        assertThat(shorter.status()).as(shorter.body()).isEqualTo(409);
    }

    @Test
    @Order(2)
    void a_change_approved_by_no_signer_or_a_forged_signature_is_refused() {
        String change = propose("{\"kind\":\"ADD_SIGNER\",\"signer\":\"" + MALLORY.address() + "\"}");
        Http.Response byMallory = decide(change, "approve", MALLORY);
        assertThat(byMallory.status()).as(byMallory.body()).isEqualTo(403);
        Http.Response forged = admin.post(base + "/policy-changes/" + change + "/approvals",
                "{\"signer\":\"" + ALICE.address() + "\",\"signature\":\"0x" + "11".repeat(65) + "\"}");
        assertThat(forged.status()).as(forged.body()).isEqualTo(401);
        assertThat(forged.json().get("error").get("reason").asString()).isEqualTo("SIGNATURE_INVALID");
        assertThat(status(change)).isEqualTo("PENDING");
        // and an administrator cancels it
        Http.Response cancelled = admin.post(base + "/policy-changes/" + change + "/cancellation", "{}");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(change).equals("CANCELLED"));
    }

    @Test
    @Order(3)
    void the_signers_add_a_third_signer_after_the_time_lock_across_a_restart_and_a_signer_cancels_another_change() {
        String addCarol = propose("{\"kind\":\"ADD_SIGNER\",\"signer\":\"" + CAROL.address() + "\"}");
        String whitelist = propose("{\"kind\":\"ADD_WHITELIST_ADDRESS\",\"address\":\"" + MALLORY.address() + "\"}");
        // signed before the approvals, so the cancellation follows the scheduling well within the time lock
        String cancel = signed(whitelist, "cancel", BOB);
        for (String change : List.of(addCarol, whitelist)) {
            for (SignerKeys.Evm signer : List.of(ALICE, BOB)) {
                Http.Response approved = decide(change, "approve", signer);
                assertThat(approved.status()).as(approved.body()).isEqualTo(204);
            }
        }
        Http.Response cancelled = send(whitelist, "cancel", BOB, cancel);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(204);

        // the time lock's deadline is persistent: the application stops before it falls due, and the restarted one
        // applies the change when it does, as the withdrawal delay's deadline does (ExpiryAcrossRestartTest)
        await().atMost(Duration.ofSeconds(30)).until(() -> status(addCarol).equals("SCHEDULED"));
        Long appliedBeforeTheStop = app.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry "
                + "WHERE aggregateIdentifier = ? AND payloadType LIKE '%PolicyChangeApplied'", Long.class, addCarol);
        app.close();
        assertThat(appliedBeforeTheStop).as("the change took effect before the application stopped (a very slow "
                + "machine: raise TIME_LOCK)").isZero();
        app = RunningApplication.start(dataDir, "--custody.governance.setup-window=PT0S",
                "--custody.governance.time-lock=" + TIME_LOCK);
        admin = app.http();

        await().atMost(Duration.ofSeconds(90)).until(() -> status(addCarol).equals("APPLIED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> walletRow().get("signers").size() == 3);
        JsonNode wallet = walletRow();
        assertThat(wallet.get("signers").valueStream().map(JsonNode::asString))
                .containsExactly(ALICE.address(), BOB.address(), CAROL.address());
        assertThat(wallet.get("threshold").asInt()).isEqualTo(2);
        assertThat(status(whitelist)).isEqualTo("CANCELLED");
        assertThat(wallet.get("config").get("whitelist")).isEmpty();
        JsonNode view = admin.get(base + "/policy-changes/" + addCarol).json();
        assertThat(view.get("approvals")).hasSize(2);
        assertThat(view.get("signers")).hasSize(2);
    }
}
