package io.custody.infra.identity.passkey;

import io.custody.api.error.Reason;
import io.custody.api.governance.ApprovePolicyChange;
import io.custody.api.governance.CancelPolicyChange;
import io.custody.api.governance.PolicyChangeId;
import io.custody.api.governance.PolicyChangeProposed;
import io.custody.api.governance.PolicyChangeSigningPayload;
import io.custody.api.governance.PolicyDecision;
import io.custody.api.identity.Caller;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.PasskeyApprovalChallenge;
import io.custody.command.web.CommandDispatcher;
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
 * Approving and cancelling a policy change with a passkey (ADR identity-020), the ceremony of proposal votes
 * (ADR identity-003, {@link PasskeyApprovalController}): the challenge is derived from the change as its event store
 * has it and fresh randomness, bound to the session, member, change and decision, used up when the assertion comes
 * back; the change aggregate verifies the assertion against its own state.
 */
@RestController
public class PolicyChangePasskeyController {

    private static final Map<String, PolicyDecision> DECISIONS = orderedDecisions();

    private final PasskeyCeremonies ceremonies;
    private final PasskeyDirectory directory;
    private final CommandDispatcher commands;
    private final EventStore events;

    public PolicyChangePasskeyController(PasskeyCeremonies ceremonies, PasskeyDirectory directory,
                                         CommandDispatcher commands, EventStore events) {
        this.ceremonies = ceremonies;
        this.directory = directory;
        this.commands = commands;
        this.events = events;
    }

    /** {@code decision}: {@code approve} or {@code cancel}. */
    public record ChallengeRequest(String decision) {
    }

    public record DecisionRequest(WebAuthnJson.Credential credential) {
    }

    @PostMapping(path = "/api/v1/wallets/{walletId}/policy-changes/{changeId}/passkey-challenges",
            consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<PasskeyApprovalController.ChallengeResponse>> challenge(
            @PathVariable String walletId, @PathVariable String changeId, @RequestBody ChallengeRequest body,
            ServerWebExchange exchange) {
        Caller caller = PasskeyController.member(exchange);
        WalletId wallet = walletId(walletId);
        PolicyChangeId change = changeId(changeId);
        PolicyDecision decision = decision(body.decision());
        return PasskeyController.blocking(() -> {
            PolicyChangeProposed proposed = proposed(wallet, change, caller);
            PolicyChangeSigningPayload payload = PolicyChangeSigningPayload.of(proposed);
            return PasskeyDecisions.challenge(ceremonies, directory, caller, proposed.signers(), "policy change",
                    context(wallet, change, decision), decision.word(),
                    PasskeyApprovalChallenge.digest(payload, decision), payload.ed25519Text(decision));
        });
    }

    @PostMapping(path = "/api/v1/wallets/{walletId}/policy-changes/{changeId}/passkey-approvals",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> approve(@PathVariable String walletId, @PathVariable String changeId,
                                              @RequestBody DecisionRequest body, ServerWebExchange exchange) {
        return decide(walletId, changeId, PolicyDecision.APPROVE, body, exchange);
    }

    @PostMapping(path = "/api/v1/wallets/{walletId}/policy-changes/{changeId}/passkey-cancellations",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> cancel(@PathVariable String walletId, @PathVariable String changeId,
                                             @RequestBody DecisionRequest body, ServerWebExchange exchange) {
        return decide(walletId, changeId, PolicyDecision.CANCEL, body, exchange);
    }

    private Mono<ResponseEntity<Void>> decide(String walletId, String changeId, PolicyDecision decision,
                                              DecisionRequest body, ServerWebExchange exchange) {
        Caller caller = PasskeyController.member(exchange);
        WalletId wallet = walletId(walletId);
        PolicyChangeId change = changeId(changeId);
        return PasskeyController.blocking(() -> {
            // another organisation's change answers 404 as a missing one does, before the body is looked at
            proposed(wallet, change, caller);
            return PasskeyDecisions.assertion(ceremonies, caller, body.credential(), context(wallet, change, decision));
        }).flatMap(assertion -> {
            // the signer the assertion's passkey is; the change checks that it is one of its signers
            SignerAddress signer = PasskeyDecisions.signerOf(assertion);
            Object command = decision == PolicyDecision.APPROVE
                    ? new ApprovePolicyChange(wallet, change, signer, null, assertion)
                    : new CancelPolicyChange(wallet, change, signer, null, assertion);
            return commands.<Object>send(command, exchange);
        }).then(Mono.just(ResponseEntity.noContent().build()));
    }

    /** The change as its own stream began, if it is in {@code wallet} and the caller's organisation; else 404. */
    private PolicyChangeProposed proposed(WalletId wallet, PolicyChangeId change, Caller caller) {
        return PasskeyDecisions.opening(events, change.toString(), PolicyChangeProposed.class,
                PolicyChangeProposed::walletId, PolicyChangeProposed::organisation, wallet, caller,
                Reason.POLICY_CHANGE_NOT_FOUND, "No policy change " + change + " in wallet " + wallet);
    }

    /** Prefixed, so a challenge for a policy change can never be taken for a proposal's (and back). */
    static String context(WalletId wallet, PolicyChangeId change, PolicyDecision decision) {
        return wallet + "/policy-change/" + change + "/" + decision.word();
    }

    private static PolicyDecision decision(String raw) {
        return PasskeyDecisions.decision(raw, DECISIONS);
    }

    private static WalletId walletId(String raw) {
        return PasskeyDecisions.walletId(raw);
    }

    private static PolicyChangeId changeId(String raw) {
        return PasskeyDecisions.id(raw, PolicyChangeId::parse, "changeId", "policy change id");
    }

    private static Map<String, PolicyDecision> orderedDecisions() {
        Map<String, PolicyDecision> words = new java.util.LinkedHashMap<>();
        words.put("approve", PolicyDecision.APPROVE);
        words.put("cancel", PolicyDecision.CANCEL);
        return words;
    }
}
