package io.custody.infra.identity.passkey;

import io.custody.api.error.Reason;
import io.custody.api.identity.Caller;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ApproveProposal;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.PasskeyApprovalChallenge;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalSigningPayload;
import io.custody.api.withdrawal.RejectProposal;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.command.web.CommandDispatcher;
import java.time.Instant;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Approving and rejecting a withdrawal proposal with a passkey (ADR identity-003). First the signer asks for a
 * challenge for one decision; the server derives it from the proposal as <em>its event store</em> has it (never from
 * the request or a read model) and fresh randomness, and binds it to the session, member, proposal and decision. Then
 * the signer's authenticator signs it and the assertion comes back: the challenge is used up here, and the proposal
 * aggregate verifies the assertion against its own state before it counts the vote. The vote's event keeps the whole
 * assertion for offline verification ({@code PasskeyApprovals}).
 */
@RestController
public class PasskeyApprovalController {

    private static final Map<String, Decision> DECISIONS = orderedDecisions();

    private final PasskeyCeremonies ceremonies;
    private final PasskeyDirectory directory;
    private final CommandDispatcher commands;
    private final EventStore events;

    public PasskeyApprovalController(PasskeyCeremonies ceremonies, PasskeyDirectory directory,
                                     CommandDispatcher commands, EventStore events) {
        this.ceremonies = ceremonies;
        this.directory = directory;
        this.commands = commands;
        this.events = events;
    }

    /** {@code decision}: {@code approve} or {@code reject}. */
    public record ChallengeRequest(String decision) {
    }

    /**
     * What the authenticator is to sign, and how it was made, so that a client can check it signs what it shows:
     * {@code challenge = SHA-256("Custody passkey approval v1" || 0x00 || digest || serverNonce)}, {@code digest =
     * SHA-256(UTF-8(payloadText))}.
     */
    public record ChallengeResponse(String decision, String challenge, String serverNonce, String digest,
                                    String payloadText, Instant expiresAt, Map<String, Object> publicKey) {
    }

    /** {@code reason} only for rejections. */
    public record VoteRequest(WebAuthnJson.Credential credential, String reason) {
    }

    @PostMapping(path = "/api/v1/wallets/{walletId}/proposals/{proposalId}/passkey-challenges",
            consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<ChallengeResponse>> challenge(@PathVariable String walletId,
                                                             @PathVariable String proposalId,
                                                             @RequestBody ChallengeRequest body,
                                                             ServerWebExchange exchange) {
        Caller caller = PasskeyController.member(exchange);
        WalletId wallet = walletId(walletId);
        ProposalId proposal = proposalId(proposalId);
        Decision decision = decision(body.decision());
        return PasskeyController.blocking(() -> {
            WithdrawalProposed proposed = proposed(wallet, proposal, caller);
            ProposalSigningPayload payload = ProposalSigningPayload.of(proposed);
            return PasskeyDecisions.challenge(ceremonies, directory, caller, proposed.signers(), "proposal",
                    context(wallet, proposal, decision), decision.word(),
                    PasskeyApprovalChallenge.digest(payload, decision), payload.ed25519Text(decision));
        });
    }

    @PostMapping(path = "/api/v1/wallets/{walletId}/proposals/{proposalId}/passkey-approvals",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> approve(@PathVariable String walletId, @PathVariable String proposalId,
                                              @RequestBody VoteRequest body, ServerWebExchange exchange) {
        return vote(walletId, proposalId, Decision.APPROVE, body, exchange);
    }

    @PostMapping(path = "/api/v1/wallets/{walletId}/proposals/{proposalId}/passkey-rejections",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> reject(@PathVariable String walletId, @PathVariable String proposalId,
                                             @RequestBody VoteRequest body, ServerWebExchange exchange) {
        return vote(walletId, proposalId, Decision.REJECT, body, exchange);
    }

    private Mono<ResponseEntity<Void>> vote(String walletId, String proposalId, Decision decision, VoteRequest body,
                                            ServerWebExchange exchange) {
        Caller caller = PasskeyController.member(exchange);
        WalletId wallet = walletId(walletId);
        ProposalId proposal = proposalId(proposalId);
        return PasskeyController.blocking(() -> {
            // another organisation's proposal answers 404 as a missing one does, before the body is looked at
            proposed(wallet, proposal, caller);
            return PasskeyDecisions.assertion(ceremonies, caller, body.credential(),
                    context(wallet, proposal, decision));
        }).flatMap(assertion -> {
            // the signer the assertion's passkey is; the proposal checks that it is one of its signers
            SignerAddress signer = PasskeyDecisions.signerOf(assertion);
            Object command = decision == Decision.APPROVE
                    ? new ApproveProposal(wallet, proposal, signer, null, assertion)
                    : new RejectProposal(wallet, proposal, signer, null, body.reason(), assertion);
            return commands.<Object>send(command, exchange);
        }).then(Mono.just(ResponseEntity.noContent().build()));
    }

    /** The proposal as its own stream began, if it is in {@code wallet} and the caller's organisation; else 404. */
    private WithdrawalProposed proposed(WalletId wallet, ProposalId proposal, Caller caller) {
        return PasskeyDecisions.opening(events, proposal.toString(), WithdrawalProposed.class,
                WithdrawalProposed::walletId, WithdrawalProposed::organisation, wallet, caller,
                Reason.PROPOSAL_NOT_FOUND, "No proposal " + proposal + " in wallet " + wallet);
    }

    static String context(WalletId wallet, ProposalId proposal, Decision decision) {
        return wallet + "/" + proposal + "/" + decision.word();
    }

    private static Decision decision(String raw) {
        return PasskeyDecisions.decision(raw, DECISIONS);
    }

    private static WalletId walletId(String raw) {
        return PasskeyDecisions.walletId(raw);
    }

    private static ProposalId proposalId(String raw) {
        return PasskeyDecisions.id(raw, ProposalId::parse, "proposalId", "proposal id");
    }

    private static Map<String, Decision> orderedDecisions() {
        Map<String, Decision> words = new java.util.LinkedHashMap<>();
        words.put("approve", Decision.APPROVE);
        words.put("reject", Decision.REJECT);
        return words;
    }
}
