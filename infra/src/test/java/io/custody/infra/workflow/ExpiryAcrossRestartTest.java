package io.custody.infra.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.infra.support.Http;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.RunningApplication;
import java.nio.file.Path;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expiry and withdrawal-delay deadlines are persistent: they fire after a restart even when they fell due while the
 * application was down. The delay unit is configured to one second so that a delay of a few "hours" fits a test.
 */
class ExpiryAcrossRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void a_proposal_expires_after_a_restart_when_its_deadline_passed_while_the_application_was_down() throws Exception {
        SignerKeys.Evm alice = SignerKeys.Evm.of(31);
        SignerKeys.Evm bob = SignerKeys.Evm.of(32);
        String walletId;
        String proposalId;
        try (RunningApplication app = RunningApplication.start(dataDir)) {
            Http http = app.http();
            walletId = http.post("/api/v1/wallets", """
                    {"name":"Expiry","signers":["%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                    .formatted(alice.address(), bob.address())).json().get("walletId").asString();
            io.custody.infra.support.TestWallets.activate(app.context().getBean(CommandGateway.class), WalletId.parse(walletId));
            app.context().getBean(CommandGateway.class).sendAndWait(new ConfirmDeposit(WalletId.parse(walletId),
                    new DepositId("0xrestart:0"), new TokenId("USDC"), Amount.of(10)));
            Http.Response proposed = Proposals.propose(http, walletId, alice, "0x" + "ab".repeat(20), 10, 6);
            assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
            proposalId = proposed.json().get("proposalId").asString();
        }
        // the deadline falls due while nothing runs
        Thread.sleep(7_000);
        try (RunningApplication app = RunningApplication.start(dataDir)) {
            Http http = app.http();
            String path = "/api/v1/wallets/" + walletId + "/proposals/" + proposalId;
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Http.Response r = http.get(path);
                return r.status() == 200 && "EXPIRED".equals(r.json().get("status").asString());
            });
        }
    }

    @Test
    void a_withdrawal_delay_elapses_after_a_restart_when_it_ended_while_the_application_was_down() throws Exception {
        SignerKeys.Evm alice = SignerKeys.Evm.of(33);
        SignerKeys.Evm bob = SignerKeys.Evm.of(34);
        String[] seconds = {"--custody.withdrawal-delay.unit=PT1S"};
        String path;
        try (RunningApplication app = RunningApplication.start(dataDir, seconds)) {
            Http http = app.http();
            String walletId = http.post("/api/v1/wallets", """
                    {"name":"Delay","signers":["%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                    .formatted(alice.address(), bob.address())).json().get("walletId").asString();
            assertThat(http.send("PUT", "/api/v1/wallets/" + walletId + "/withdrawal-delay", "application/json",
                    "{\"hours\":6}").status()).isEqualTo(204);
            io.custody.infra.support.TestWallets.activate(app.context().getBean(CommandGateway.class), WalletId.parse(walletId));
            app.context().getBean(CommandGateway.class).sendAndWait(new ConfirmDeposit(WalletId.parse(walletId),
                    new DepositId("0xdelay:0"), new TokenId("USDC"), Amount.of(10)));
            String proposalId = Proposals.propose(http, walletId, alice, "0x" + "ab".repeat(20), 10, 3600).json()
                    .get("proposalId").asString();
            path = "/api/v1/wallets/" + walletId + "/proposals/" + proposalId;
            await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path + "/signing-payload").status() == 200);
            String typedData = http.get(path + "/signing-payload").json().get("eip712TypedData").toString();
            for (SignerKeys.Evm signer : new SignerKeys.Evm[] {alice, bob}) {
                assertThat(http.post(path + "/approvals", "{\"signer\":\"" + signer.address() + "\",\"signature\":\""
                        + signer.signTypedData(typedData) + "\"}").status()).isEqualTo(204);
            }
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "READY".equals(http.get(path).json().get("status").asString()));
            assertThat(http.get(path).json().get("delayElapsed").asBoolean()).isFalse();
        }
        Thread.sleep(7_000);
        try (RunningApplication app = RunningApplication.start(dataDir, seconds)) {
            Http http = app.http();
            await().atMost(Duration.ofSeconds(60)).until(() -> http.get(path).json().get("delayElapsed").asBoolean());
        }
    }
}
