package io.custody.infra.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.AddWhitelistAddress;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.SetWithdrawalLimits;
import io.custody.api.wallet.TokenLimits;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.CompleteWithdrawal;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.StartWithdrawalExecution;
import io.custody.command.wallet.CustodyWallet;
import io.custody.command.withdrawal.WithdrawalProposal;
import io.custody.infra.support.Http;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.RunningApplication;
import java.nio.file.Path;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ResolvableType;

/**
 * Snapshots keep loading cheap as a wallet's stream grows; they must never change what a wallet or proposal decides.
 * Snapshots are taken every few events here so that a short history produces several of them.
 */
class AggregateSnapshotTest {

    private static final String[] FREQUENT_SNAPSHOTS = {"--custody.snapshots.wallet-every=5",
            "--custody.snapshots.proposal-every=3"};
    private static final String PAYEE = "0x" + "ab".repeat(20);

    @TempDir
    Path dataDir;

    @Test
    void a_wallet_and_a_proposal_loaded_from_snapshots_after_a_restart_equal_those_rebuilt_from_every_event()
            throws Exception {
        SignerKeys.Evm alice = SignerKeys.Evm.of(51);
        SignerKeys.Evm bob = SignerKeys.Evm.of(52);
        SignerKeys.Evm carol = SignerKeys.Evm.of(53);
        String walletId;
        String settled;
        try (RunningApplication app = RunningApplication.start(dataDir, FREQUENT_SNAPSHOTS)) {
            Http http = app.http();
            walletId = http.post("/api/v1/wallets", """
                    {"name":"Snapshots","signers":["%s","%s","%s"],"threshold":2,
                     "chainFamily":"EVM"}""".formatted(alice.address(), bob.address(), carol.address()))
                    .json().get("walletId").asString();
            WalletId wallet = WalletId.parse(walletId);
            CommandGateway commands = app.context().getBean(CommandGateway.class);
            commands.sendAndWait(new SetWithdrawalLimits(wallet, new TokenId("USDC"),
                    new TokenLimits(Amount.of(900), Amount.of(5_000), null)));
            commands.sendAndWait(new AddWhitelistAddress(wallet, new DestinationAddress(ChainFamily.EVM, PAYEE)));
            for (int i = 0; i < 3; i++) {
                io.custody.infra.support.TestWallets.activate(commands, wallet);
                commands.sendAndWait(new ConfirmDeposit(wallet, new DepositId("0xsnap:" + i), new TokenId("USDC"),
                        Amount.of(1_000)));
            }
            settled = Proposals.propose(http, walletId, alice, PAYEE, 700, 600).json().get("proposalId").asString();
            approve(http, walletId, settled, alice);
            approve(http, walletId, settled, bob);
            await().atMost(Duration.ofSeconds(30)).until(() -> status(http, walletId, settled).equals("READY"));
            commands.sendAndWait(new StartWithdrawalExecution(wallet, ProposalId.parse(settled)));
            commands.sendAndWait(new CompleteWithdrawal(wallet, ProposalId.parse(settled), "0x" + "fe".repeat(32)));
            Http.Response open = Proposals.propose(http, walletId, alice, PAYEE, 1_000, 600);
            assertThat(open.status()).as(open.body()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> snapshots(app, walletId) > 0
                    && snapshots(app, settled) > 0);

            Serializer serializer = app.context().getBean("serializer", Serializer.class);
            CustodyWallet walletState = load(app, CustodyWallet.class, walletId);
            SerializedObject<byte[]> written = serializer.serialize(walletState, byte[].class);
            assertThat((Object) serializer.deserialize(written)).usingRecursiveComparison().isEqualTo(walletState);
            WithdrawalProposal proposalState = load(app, WithdrawalProposal.class, settled);
            assertThat((Object) serializer.deserialize(serializer.serialize(proposalState, byte[].class)))
                    .usingRecursiveComparison().isEqualTo(proposalState);
        }
        try (RunningApplication app = RunningApplication.start(dataDir, FREQUENT_SNAPSHOTS)) {
            CustodyWallet walletFromSnapshot = load(app, CustodyWallet.class, walletId);
            WithdrawalProposal proposalFromSnapshot = load(app, WithdrawalProposal.class, settled);
            app.jdbc().update("DELETE FROM SnapshotEventEntry");
            assertThat(walletFromSnapshot).usingRecursiveComparison()
                    .isEqualTo(load(app, CustodyWallet.class, walletId));
            assertThat(proposalFromSnapshot).usingRecursiveComparison()
                    .isEqualTo(load(app, WithdrawalProposal.class, settled));
            // and it still decides the same: 3,000 deposited, 700 settled, 1,000 reserved leaves 1,300
            Http http = app.http();
            Http.Response tooMuch = Proposals.propose(http, walletId, alice, PAYEE, 1_301, 600);
            assertThat(tooMuch.status()).as(tooMuch.body()).isEqualTo(400);
            assertThat(tooMuch.json().get("error").get("reason").asString()).isEqualTo("INSUFFICIENT_BALANCE");
            assertThat(Proposals.propose(http, walletId, alice, PAYEE, 900, 600).status()).isEqualTo(201);
        }
    }

    private static void approve(Http http, String walletId, String proposalId, SignerKeys.Evm signer) {
        String path = "/api/v1/wallets/" + walletId + "/proposals/" + proposalId;
        String typedData = Proposals.approvalTypedData(http, walletId, proposalId);
        Http.Response voted = http.post(path + "/approvals", "{\"signer\":\"" + signer.address()
                + "\",\"signature\":\"" + signer.signTypedData(typedData) + "\"}");
        assertThat(voted.status()).as(voted.body()).isEqualTo(204);
    }

    private static String status(Http http, String walletId, String proposalId) {
        Http.Response r = http.get("/api/v1/wallets/" + walletId + "/proposals/" + proposalId);
        return r.status() == 200 ? r.json().get("status").asString() : "";
    }

    private static int snapshots(RunningApplication app, String aggregateId) {
        return app.jdbc().queryForObject("SELECT count(*) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?",
                Integer.class, aggregateId);
    }

    @SuppressWarnings("unchecked")
    private static <T> T load(RunningApplication app, Class<T> type, String id) throws Exception {
        Repository<T> repository = (Repository<T>) app.context()
                .getBeanProvider(ResolvableType.forClassWithGenerics(Repository.class, type)).getObject();
        return (T) DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> repository.load(id).invoke(aggregate -> aggregate)).getPayload();
    }
}
