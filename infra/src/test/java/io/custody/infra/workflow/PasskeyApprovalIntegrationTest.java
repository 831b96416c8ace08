package io.custody.infra.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.error.CommandRejectedException;
import io.custody.api.error.Reason;
import io.custody.api.identity.PasskeyRegistered;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ApproveProposal;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.PasskeyApprovalChallenge;
import io.custody.api.withdrawal.PasskeyAssertion;
import io.custody.api.withdrawal.ProposalApproved;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalSigningPayload;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.command.withdrawal.signature.PasskeyApprovals;
import io.custody.command.withdrawal.signature.RelyingParty;
import io.custody.infra.support.EmulatedPasskey;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.TestIdentity;
import io.custody.infra.support.TestWallets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Withdrawal votes by passkey signers over real HTTP (ADR identity-003): two members' passkeys, registered with
 * webauthn4j-test's emulated authenticators, approve a proposal to READY; every wrong binding (another proposal,
 * decision, amount, session, member, organisation, a replay) is refused with nothing changed; the votes' events carry
 * assertions that verify again offline; and a key signer still votes with EIP-712 beside them.
 */
class PasskeyApprovalIntegrationTest {

    static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(31);
    static final String PAYEE = "0x" + "ab".repeat(20);

    @TempDir
    static Path dataDir;
    static RunningApplication app;
    static Http admin;
    static Signer pat;
    static Signer quinn;

    /** A member with the SIGNER role, a session, and a registered passkey. */
    record Signer(String member, Http http, EmulatedPasskey device, String signer) {
    }

    @BeforeAll
    static void start() {
        app = RunningApplication.start(dataDir, EmulatedPasskey.ARGUMENTS);
        admin = app.http();
        pat = signer("Pat");
        quinn = signer("Quinn");
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    static Signer signer(String name) {
        Http.Response invited = admin.post("/api/v1/organisation/invitations", "{\"roles\":[\"SIGNER\",\"VIEWER\"]}");
        Http.Response enrolled = admin.anonymous().post("/api/v1/enrolment", "{\"token\":\""
                + invited.json().get("enrolmentToken").asString() + "\",\"displayName\":\"" + name + "\"}");
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        Http http = admin.anonymous().withToken(enrolled.json().get("access_token").asString());
        EmulatedPasskey device = new EmulatedPasskey();
        Http.Response registered = device.register(http, name + "'s passkey");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return new Signer(enrolled.json().get("member_id").asString(), http, device,
                registered.json().get("signer").asString());
    }

    /** An active, funded wallet whose signers are Alice's EVM key and Pat's and Quinn's passkeys, threshold 2. */
    static String wallet() {
        Http.Response created = admin.post("/api/v1/wallets", """
                {"name":"Passkey vault","signers":["%s","%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(ALICE.address(), pat.signer(), quinn.signer()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String walletId = created.json().get("walletId").asString();
        CommandGateway commands = app.context().getBean(CommandGateway.class);
        TestWallets.activate(commands, WalletId.parse(walletId));
        commands.sendAndWait(new ConfirmDeposit(WalletId.parse(walletId), new DepositId("0xpasskey:" + UUID.randomUUID()),
                new TokenId("USDC"), Amount.of(1_000_000)));
        return walletId;
    }

    static String propose(String walletId, long amount) {
        Http.Response proposed = Proposals.proposeLocal(admin, walletId, ALICE, ALICE.address(),
                UUID.randomUUID().toString(), PAYEE, amount, Instant.now().plusSeconds(3_600).truncatedTo(ChronoUnit.SECONDS));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        return proposed.json().get("proposalId").asString();
    }

    static String path(String walletId, String proposalId, String tail) {
        return "/api/v1/wallets/" + walletId + "/proposals/" + proposalId + "/" + tail;
    }

    static JsonNode challenge(Signer signer, String walletId, String proposalId, String decision) {
        Http.Response issued = signer.http().post(path(walletId, proposalId, "passkey-challenges"),
                "{\"decision\":\"" + decision + "\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json();
    }

    static Http.Response vote(Http http, String walletId, String proposalId, String route, ObjectNode credential) {
        ObjectNode body = Http.JSON.createObjectNode();
        body.set("credential", credential);
        return http.post(path(walletId, proposalId, route), body.toString());
    }

    static Http.Response approve(Signer signer, String walletId, String proposalId) {
        JsonNode issued = challenge(signer, walletId, proposalId, "approve");
        return vote(signer.http(), walletId, proposalId, "passkey-approvals",
                signer.device().assertion(issued.get("challenge").asString()));
    }

    static void refused(Http.Response response, int status, String reason) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("error").get("reason").asString()).as(response.body()).isEqualTo(reason);
    }

    static long eventsOf(String proposalId) {
        return app.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, proposalId);
    }

    static JsonNode awaitStatus(String walletId, String proposalId, String status) {
        String path = "/api/v1/wallets/" + walletId + "/proposals/" + proposalId;
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Http.Response r = admin.get(path);
            return r.status() == 200 && status.equals(r.json().get("status").asString());
        });
        return admin.get(path).json();
    }

    static List<Object> payloads(String aggregate) {
        List<Object> payloads = new ArrayList<>();
        app.context().getBean(EventStore.class).readEvents(aggregate, 0L)
                .forEachRemaining(message -> payloads.add(message.getPayload()));
        return payloads;
    }

    @Test
    void two_passkey_signers_approve_a_proposal_to_ready_and_their_assertions_verify_again_offline() {
        String walletId = wallet();
        String proposalId = propose(walletId, 250_000);

        JsonNode issued = challenge(pat, walletId, proposalId, "approve");
        assertThat(issued.get("payloadText").asString()).contains("decision: approve", "amount: 250000",
                "proposal: " + proposalId);
        assertThat(issued.get("publicKey").get("allowCredentials").get(0).get("id").asString())
                .isEqualTo(pat.device().credentialId());
        Http.Response first = vote(pat.http(), walletId, proposalId, "passkey-approvals",
                pat.device().assertion(issued.get("challenge").asString()));
        assertThat(first.status()).as(first.body()).isEqualTo(204);
        Http.Response second = approve(quinn, walletId, proposalId);
        assertThat(second.status()).as(second.body()).isEqualTo(204);

        JsonNode ready = awaitStatus(walletId, proposalId, "READY");
        assertThat(ready.get("approvals")).hasSize(2);

        // offline: the events alone, the relying party's id and origins, and the members' registrations
        List<Object> stream = payloads(proposalId);
        WithdrawalProposed proposed = (WithdrawalProposed) stream.get(0);
        ProposalSigningPayload payload = ProposalSigningPayload.of(proposed);
        PasskeyApprovals verifier = new PasskeyApprovals(new RelyingParty(EmulatedPasskey.RP_ID,
                Set.of(EmulatedPasskey.ORIGIN)));
        List<ProposalApproved> approvals = stream.stream().filter(ProposalApproved.class::isInstance)
                .map(ProposalApproved.class::cast).toList();
        assertThat(approvals).hasSize(2);
        for (ProposalApproved approved : approvals) {
            assertThat(approved.signature()).isNull();
            assertThat(approved.passkey()).isNotNull();
            Signer who = approved.signer().value().equals(pat.signer()) ? pat : quinn;
            PasskeyRegistered registration = payloads(who.member()).stream().filter(PasskeyRegistered.class::isInstance)
                    .map(PasskeyRegistered.class::cast).findFirst().orElseThrow();
            byte[] key = PasskeyAssertion.decode(registration.publicKeyCose());
            assertThat(verifier.verify(approved.passkey(), key, registration.backupEligible(), payload,
                    Decision.APPROVE)).isInstanceOf(PasskeyApprovals.Outcome.Valid.class);
            assertThat(verifier.verify(approved.passkey(), key, registration.backupEligible(), payload,
                    Decision.REJECT)).isInstanceOf(PasskeyApprovals.Outcome.Invalid.class);
        }
    }

    @Test
    void a_challenge_for_another_proposal_or_decision_a_replay_or_another_session_is_refused_and_changes_nothing() {
        String walletId = wallet();
        String target = propose(walletId, 100_000);
        String other = propose(walletId, 100_000);
        long before = eventsOf(target);

        // a challenge for another proposal
        JsonNode forOther = challenge(pat, walletId, other, "approve");
        refused(vote(pat.http(), walletId, target, "passkey-approvals",
                pat.device().assertion(forOther.get("challenge").asString())), 401, "PASSKEY_CHALLENGE_INVALID");
        // a challenge for rejecting, presented as an approval
        JsonNode toReject = challenge(pat, walletId, target, "reject");
        refused(vote(pat.http(), walletId, target, "passkey-approvals",
                pat.device().assertion(toReject.get("challenge").asString())), 401, "PASSKEY_CHALLENGE_INVALID");
        // Quinn's challenge, signed by Quinn's device, presented in Pat's session
        JsonNode quinns = challenge(quinn, walletId, target, "approve");
        refused(vote(pat.http(), walletId, target, "passkey-approvals",
                quinn.device().assertion(quinns.get("challenge").asString())), 401, "PASSKEY_CHALLENGE_INVALID");
        // expired
        JsonNode late = challenge(pat, walletId, target, "approve");
        app.jdbc().update("UPDATE identity_webauthn_challenge SET expires_at = now() - interval '1 second' "
                + "WHERE challenge = ?", late.get("challenge").asString());
        refused(vote(pat.http(), walletId, target, "passkey-approvals",
                pat.device().assertion(late.get("challenge").asString())), 401, "PASSKEY_CHALLENGE_EXPIRED");
        // a challenge the client made up for a smaller amount (with a server nonce it saw)
        JsonNode seen = challenge(pat, walletId, target, "approve");
        ProposalSigningPayload smaller = payloadWithAmount(walletId, target, 1);
        byte[] madeUp = PasskeyApprovalChallenge.challenge(smaller, Decision.APPROVE,
                EmulatedPasskey.decode(seen.get("serverNonce").asString()));
        refused(vote(pat.http(), walletId, target, "passkey-approvals",
                pat.device().assertion(EmulatedPasskey.encode(madeUp))), 401, "PASSKEY_CHALLENGE_INVALID");

        assertThat(eventsOf(target)).as("nothing recorded on the proposal").isEqualTo(before);
        JsonNode pending = admin.get("/api/v1/wallets/" + walletId + "/proposals/" + target).json();
        assertThat(pending.get("status").asString()).isEqualTo("PENDING");

        // the real one still counts, once: the same answer again is a replay
        JsonNode fresh = challenge(pat, walletId, target, "approve");
        ObjectNode assertion = pat.device().assertion(fresh.get("challenge").asString());
        assertThat(vote(pat.http(), walletId, target, "passkey-approvals", assertion).status()).isEqualTo(204);
        refused(vote(pat.http(), walletId, target, "passkey-approvals", assertion), 401, "PASSKEY_CHALLENGE_INVALID");
        assertThat(eventsOf(target)).isEqualTo(before + 1);
    }

    @Test
    void another_members_passkey_another_organisation_or_a_forged_assertion_is_refused_and_changes_nothing() {
        String walletId = wallet();
        String proposalId = propose(walletId, 50_000);
        long before = eventsOf(proposalId);

        // Quinn asks, but answers with Pat's passkey: not one of Quinn's
        JsonNode quinns = challenge(quinn, walletId, proposalId, "approve");
        refused(vote(quinn.http(), walletId, proposalId, "passkey-approvals",
                pat.device().assertion(quinns.get("challenge").asString())), 401, "SIGNATURE_INVALID");

        // a forged signature
        JsonNode issued = challenge(pat, walletId, proposalId, "approve");
        ObjectNode good = pat.device().assertion(issued.get("challenge").asString());
        byte[] signature = EmulatedPasskey.decode(good.get("response").get("signature").asString());
        signature[signature.length - 1] ^= 0x01;
        refused(vote(pat.http(), walletId, proposalId, "passkey-approvals",
                EmulatedPasskey.withResponse(good, "signature", EmulatedPasskey.encode(signature))), 401,
                "SIGNATURE_INVALID");

        // tampered client data (still carrying the right challenge)
        issued = challenge(pat, walletId, proposalId, "approve");
        good = pat.device().assertion(issued.get("challenge").asString());
        refused(vote(pat.http(), walletId, proposalId, "passkey-approvals",
                EmulatedPasskey.withResponse(good, "clientDataJSON", EmulatedPasskey.tamperedClientData(good))), 401,
                "SIGNATURE_INVALID");

        // another organisation's signer sees no such proposal, and its passkey is no signer here
        Http stranger = TestIdentity.newOrganisation(app, "elsewhere");
        EmulatedPasskey theirs = new EmulatedPasskey();
        assertThat(theirs.register(stranger, "Theirs").status()).isEqualTo(201);
        refused(stranger.post(path(walletId, proposalId, "passkey-challenges"), "{\"decision\":\"approve\"}"), 404,
                "PROPOSAL_NOT_FOUND");
        // the administrator has no passkey among the proposal's signers
        refused(admin.post(path(walletId, proposalId, "passkey-challenges"), "{\"decision\":\"approve\"}"), 403,
                "NOT_A_SIGNER");

        assertThat(eventsOf(proposalId)).as("nothing recorded on the proposal").isEqualTo(before);
        assertThat(admin.get("/api/v1/wallets/" + walletId + "/proposals/" + proposalId).json().get("approvals"))
                .isEmpty();
    }

    @Test
    void the_proposal_recomputes_the_challenge_from_its_own_state_so_an_assertion_for_another_amount_or_decision_fails() {
        String walletId = wallet();
        String proposalId = propose(walletId, 75_000);
        long before = eventsOf(proposalId);
        byte[] nonce = new byte[32];
        new SecureRandom().nextBytes(nonce);
        CommandGateway commands = app.context().getBean(CommandGateway.class);
        Map<String, String> patAsCaller = Map.of("organisation", TestIdentity.ORGANISATION, "callerId", pat.member(),
                "callerKind", "MEMBER");

        // straight to the command bus, past the challenge store: only the proposal's own check stands in the way
        for (var wrong : List.of(
                new Object[] {payloadWithAmount(walletId, proposalId, 75_001), Decision.APPROVE},
                new Object[] {payloadWithAmount(walletId, proposalId, 75_000), Decision.REJECT})) {
            byte[] challenge = PasskeyApprovalChallenge.challenge((ProposalSigningPayload) wrong[0],
                    (Decision) wrong[1], nonce);
            PasskeyAssertion assertion = stored(pat.device().assertion(EmulatedPasskey.encode(challenge)), nonce);
            Throwable refused = catchThrowable(() -> commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                    new ApproveProposal(WalletId.parse(walletId), ProposalId.parse(proposalId),
                            new SignerAddress(ChainFamily.EVM, pat.signer()), null, assertion))
                    .andMetaData(patAsCaller)));
            assertThat(refused).isInstanceOf(CommandRejectedException.class);
            assertThat(((CommandRejectedException) refused).rejection().reason()).isEqualTo(Reason.SIGNATURE_INVALID);
            assertThat(((CommandRejectedException) refused).rejection().details().get("assertion").get(0))
                    .contains("not made over this proposal and decision");
        }
        assertThat(eventsOf(proposalId)).isEqualTo(before);

        // the right payload with the same kind of nonce passes the same path
        byte[] challenge = PasskeyApprovalChallenge.challenge(payloadWithAmount(walletId, proposalId, 75_000), Decision.APPROVE,
                nonce);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new ApproveProposal(WalletId.parse(walletId),
                ProposalId.parse(proposalId), new SignerAddress(ChainFamily.EVM, pat.signer()), null,
                stored(pat.device().assertion(EmulatedPasskey.encode(challenge)), nonce))).andMetaData(patAsCaller));
        assertThat(eventsOf(proposalId)).isEqualTo(before + 1);
    }

    @Test
    void a_key_signer_and_a_passkey_signer_together_bring_a_proposal_to_ready_and_a_passkey_can_reject() {
        String walletId = wallet();
        String mixed = propose(walletId, 20_000);
        String typedData = Proposals.approvalTypedData(admin, walletId, mixed);
        Http.Response byKey = admin.post(path(walletId, mixed, "approvals"),
                "{\"signer\":\"" + ALICE.address() + "\",\"signature\":\"" + ALICE.signTypedData(typedData) + "\"}");
        assertThat(byKey.status()).as(byKey.body()).isEqualTo(204);
        assertThat(approve(quinn, walletId, mixed).status()).isEqualTo(204);
        awaitStatus(walletId, mixed, "READY");

        // a passkey signer cannot vote through the key signers' route
        String rejected = propose(walletId, 30_000);
        refused(admin.post(path(walletId, rejected, "approvals"), "{\"signer\":\"" + pat.signer()
                + "\",\"signature\":\"0x" + "11".repeat(65) + "\"}"), 401, "SIGNATURE_INVALID");

        JsonNode issued = challenge(pat, walletId, rejected, "reject");
        ObjectNode body = Http.JSON.createObjectNode().put("reason", "unknown payee");
        body.set("credential", pat.device().assertion(issued.get("challenge").asString()));
        Http.Response no = pat.http().post(path(walletId, rejected, "passkey-rejections"), body.toString());
        assertThat(no.status()).as(no.body()).isEqualTo(204);
        // with 3 signers and a threshold of 2 one rejection leaves it pending; Quinn's passkey rejection ends it
        JsonNode second = challenge(quinn, walletId, rejected, "reject");
        assertThat(vote(quinn.http(), walletId, rejected, "passkey-rejections",
                quinn.device().assertion(second.get("challenge").asString())).status()).isEqualTo(204);
        JsonNode ended = awaitStatus(walletId, rejected, "REJECTED");
        assertThat(ended.get("rejections")).hasSize(2);
        List<Object> stream = payloads(rejected);
        assertThat(stream.stream().filter(io.custody.api.withdrawal.ProposalRejectionCast.class::isInstance)
                .map(io.custody.api.withdrawal.ProposalRejectionCast.class::cast)
                .filter(cast -> cast.signer().value().equals(pat.signer())).findFirst().orElseThrow().reason())
                .isEqualTo("unknown payee");
    }

    /** The proposal's payload as the server has it, with another amount. */
    static ProposalSigningPayload payloadWithAmount(String walletId, String proposalId, long amount) {
        WithdrawalProposed proposed = (WithdrawalProposed) payloads(proposalId).get(0);
        return new ProposalSigningPayload(WalletId.parse(walletId), ProposalId.parse(proposalId), proposed.nonce(),
                proposed.token(), Amount.of(amount), new DestinationAddress(ChainFamily.EVM, PAYEE),
                proposed.expiresAt());
    }

    static PasskeyAssertion stored(ObjectNode credential, byte[] nonce) {
        JsonNode response = credential.get("response");
        return new PasskeyAssertion(credential.get("rawId").asString(), response.get("authenticatorData").asString(),
                response.get("clientDataJSON").asString(), response.get("signature").asString(),
                EmulatedPasskey.encode(nonce));
    }
}
