package io.custody.infra.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ProposalRequestPayload;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.TestIdentity;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The takeover of issue 11, replayed: a caller adds two keys of its own as signers of a funded 2-of-2 wallet, removes
 * the two real signers, proposes the whole balance to itself and approves with its own two keys. Before identity and
 * access every step succeeded. Now each step fails, for a caller without credentials ({@code 401}), with a credential
 * of the wrong role ({@code 403}), and with another organisation's credentials ({@code 404}), and nothing changes.
 */
class TakeoverIsRefusedTest {

    static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(81);
    static final SignerKeys.Evm BOB = SignerKeys.Evm.of(82);
    static final SignerKeys.Evm MALLORY = SignerKeys.Evm.of(83);
    static final SignerKeys.Evm TRUDY = SignerKeys.Evm.of(84);
    static final long FUNDS = 5_000_000;

    @TempDir
    static Path dataDir;
    static RunningApplication app;
    static Http admin;
    static String walletId;

    @BeforeAll
    static void fundedTwoOfTwoWallet() {
        app = RunningApplication.start(dataDir);
        admin = app.http();
        Http.Response created = admin.post("/api/v1/wallets", """
                {"name":"Treasury","signers":["%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(ALICE.address(), BOB.address()));
        assertThat(created.status()).isEqualTo(201);
        walletId = created.json().get("walletId").asString();
        TestWallets.activate(app.context().getBean(CommandGateway.class), WalletId.parse(walletId));
        app.context().getBean(CommandGateway.class).sendAndWait(new ConfirmDeposit(WalletId.parse(walletId),
                new DepositId("0xtakeover:1"), new TokenId("USDC"), Amount.of(FUNDS)));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Http.Response balances = admin.get("/api/v1/wallets/" + walletId + "/balances");
            return balances.status() == 200 && balances.json().get("balances").size() == 1;
        });
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    /** The attacker's five steps, each with what it answered; the attacker's proposal id is fixed per attempt. */
    static List<Http.Response> attempt(Http attacker) {
        String base = "/api/v1/wallets/" + walletId;
        String proposalId = UUID.randomUUID().toString();
        Instant expiresAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String to = MALLORY.address();
        var request = new ProposalRequestPayload(WalletId.parse(walletId),
                io.custody.api.withdrawal.ProposalId.parse(proposalId), new TokenId("USDC"), Amount.of(FUNDS),
                new io.custody.api.wallet.DestinationAddress(io.custody.api.wallet.ChainFamily.EVM, to), expiresAt);
        return List.of(
                attacker.send("PUT", base + "/signers/" + MALLORY.address(), null, null),
                attacker.send("PUT", base + "/signers/" + TRUDY.address(), null, null),
                attacker.send("DELETE", base + "/signers/" + ALICE.address(), null, null),
                attacker.send("DELETE", base + "/signers/" + BOB.address(), null, null),
                attacker.post(base + "/proposals", """
                        {"proposalId":"%s","proposer":"%s","to":"%s","token":"USDC","amount":"%d","expiresAt":"%s",
                         "signature":"%s"}""".formatted(proposalId, MALLORY.address(), to, FUNDS, expiresAt,
                        MALLORY.signTypedData(request.eip712Json()))),
                attacker.post(base + "/proposals/" + proposalId + "/approvals",
                        "{\"signer\":\"" + MALLORY.address() + "\",\"signature\":\"0x" + "11".repeat(65) + "\"}"),
                attacker.post(base + "/proposals/" + proposalId + "/approvals",
                        "{\"signer\":\"" + TRUDY.address() + "\",\"signature\":\"0x" + "11".repeat(65) + "\"}"));
    }

    static void assertEveryStep(List<Http.Response> steps, int status, String code) {
        assertThat(steps).allSatisfy(step -> {
            assertThat(step.status()).as(step.body()).isEqualTo(status);
            assertThat(step.json().get("error").get("code").asString()).isEqualTo(code);
        });
    }

    static long walletEvents() {
        return app.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, walletId);
    }

    static void assertNothingChanged(long eventsBefore) {
        assertThat(walletEvents()).isEqualTo(eventsBefore);
        JsonNode wallet = admin.get("/api/v1/wallets/" + walletId).json();
        assertThat(wallet.get("signers").valueStream().map(JsonNode::asString))
                .containsExactly(ALICE.address(), BOB.address());
        assertThat(admin.get("/api/v1/wallets/" + walletId + "/proposals").json().get("total").asLong()).isZero();
        assertThat(admin.get("/api/v1/wallets/" + walletId + "/balances").json().get("balances").get(0)
                .get("available").asString()).isEqualTo(Long.toString(FUNDS));
    }

    @Test
    void without_credentials_every_step_is_401_and_nothing_changes() {
        long before = walletEvents();
        assertEveryStep(attempt(admin.anonymous()), 401, "UNAUTHENTICATED");
        assertNothingChanged(before);
    }

    @Test
    void a_viewer_of_the_organisation_gets_403_at_every_step_and_nothing_changes() {
        Http.Response invited = admin.post("/api/v1/organisation/invitations", "{\"roles\":[\"VIEWER\"]}");
        Http.Response enrolled = admin.anonymous().post("/api/v1/enrolment", "{\"token\":\""
                + invited.json().get("enrolmentToken").asString() + "\",\"displayName\":\"Mallory\"}");
        Http viewer = admin.anonymous().withToken(enrolled.json().get("access_token").asString());
        long before = walletEvents();
        assertEveryStep(attempt(viewer), 403, "FORBIDDEN");
        assertNothingChanged(before);
    }

    @Test
    void a_service_account_with_the_signer_role_changes_no_policy_proposes_for_no_signer_and_never_votes() {
        Http.Response created = admin.post("/api/v1/organisation/service-accounts",
                "{\"name\":\"Compromised automation\",\"roles\":[\"SIGNER\"]}");
        Http robot = admin.anonymous().withToken(created.json().get("token").asString());
        long before = walletEvents();
        List<Http.Response> steps = attempt(robot);
        // policy changes need ORG_ADMIN; the proposal is refused because MALLORY is no signer; votes need a member
        assertEveryStep(steps.subList(0, 4), 403, "FORBIDDEN");
        assertThat(steps.get(4).status()).as(steps.get(4).body()).isEqualTo(403);
        assertThat(steps.get(4).json().get("error").get("reason").asString()).isEqualTo("NOT_A_SIGNER");
        assertThat(steps.get(5).json().get("error").get("reason").asString()).isEqualTo("MEMBER_REQUIRED");
        assertThat(steps.get(6).json().get("error").get("reason").asString()).isEqualTo("MEMBER_REQUIRED");
        assertNothingChanged(before);
    }

    @Test
    void another_organisations_administrator_gets_404_at_every_step_and_nothing_changes() {
        Http stranger = TestIdentity.newOrganisation(app, "mallory-inc");
        long before = walletEvents();
        assertEveryStep(attempt(stranger), 404, "NOT_FOUND");
        assertNothingChanged(before);
    }
}
