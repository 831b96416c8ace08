package io.custody.command.web;

import io.custody.api.error.Reason;
import io.custody.api.error.RejectedException;
import io.custody.api.error.Rejection;
import io.custody.api.governance.ApprovePolicyChange;
import io.custody.api.governance.CancelPolicyChange;
import io.custody.api.governance.PolicyChange;
import io.custody.api.governance.PolicyChangeId;
import io.custody.api.governance.PolicyChangeKind;
import io.custody.api.governance.ProposePolicyChange;
import io.custody.api.identity.Caller;
import io.custody.api.identity.Role;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.TokenLimits;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.command.web.PolicyChangeRequests.ChangeRequest;
import io.custody.command.web.PolicyChangeRequests.DecisionRequest;
import io.custody.command.web.PolicyChangeRequests.ProposeChangeRequest;
import io.custody.command.web.PolicyChangeRequests.ProposedChangeResponse;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Write API of policy changes (ADR identity-020): propose a change of a wallet's policy to its signers, approve it
 * with a signer's signature, cancel it with a signer's signature or as an administrator.
 */
@RestController
@RequestMapping("/api/v1/wallets/{walletId}/policy-changes")
public class PolicyChangeController {

    private final CommandDispatcher dispatcher;

    public PolicyChangeController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Proposes a change. The change id is the client's, so repeating the request returns the same change; the same id
     * with other content is {@code 409 IDEMPOTENCY_CONFLICT}.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<ProposedChangeResponse>> propose(@PathVariable String walletId,
                                                                @RequestBody ProposeChangeRequest body,
                                                                ServerWebExchange exchange) {
        WalletId wallet = Fields.walletId(walletId);
        Fields fields = new Fields();
        PolicyChangeId id = fields.required("changeId", body.changeId(), Fields.id(PolicyChangeId::parse));
        PolicyChange change = null;
        if (body.change() == null) {
            fields.add("change", Reason.MISSING_FIELD, "is required");
        } else {
            change = change(body.change(), fields);
        }
        Instant expiresAt = fields.required("expiresAt", body.expiresAt(), PolicyChangeController::instant);
        fields.throwIfAny("Invalid policy change");
        return dispatcher.<PolicyChangeId>send(new ProposePolicyChange(wallet, id, change, expiresAt), exchange)
                .map(created -> {
                    String self = "/api/v1/wallets/" + wallet + "/policy-changes/" + created;
                    return ResponseEntity.created(URI.create(self))
                            .body(new ProposedChangeResponse(created.toString(), self, self + "/signing-payload"));
                });
    }

    @PostMapping(path = "/{changeId}/approvals", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> approve(@PathVariable String walletId, @PathVariable String changeId,
                                              @RequestBody DecisionRequest body, ServerWebExchange exchange) {
        WalletId wallet = Fields.walletId(walletId);
        PolicyChangeId change = changeId(changeId);
        Fields fields = new Fields();
        SignerAddress signer = fields.required("signer", body.signer(), Fields::signer);
        SignerSignature signature = signature(body.signature(), body.publicKey(), fields);
        fields.throwIfAny("Invalid approval");
        return dispatcher.send(new ApprovePolicyChange(wallet, change, signer, signature), exchange)
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    /**
     * Cancels a change that has not taken effect: a signer sends its signature over the "cancel" payload; an
     * administrator may send an empty body instead.
     */
    @PostMapping(path = "/{changeId}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> cancel(@PathVariable String walletId, @PathVariable String changeId,
                                             @RequestBody DecisionRequest body, ServerWebExchange exchange) {
        WalletId wallet = Fields.walletId(walletId);
        PolicyChangeId change = changeId(changeId);
        Caller caller = Caller.of(exchange.getAttributes());
        boolean unsigned = body.signer() == null && body.signature() == null && body.publicKey() == null;
        if (unsigned && caller.hasAnyRole(Set.of(Role.ORG_ADMIN))) {
            return dispatcher.send(new CancelPolicyChange(wallet, change, null, null), exchange)
                    .then(Mono.just(ResponseEntity.noContent().build()));
        }
        Fields fields = new Fields();
        SignerAddress signer = fields.required("signer", body.signer(), Fields::signer);
        SignerSignature signature = signature(body.signature(), body.publicKey(), fields);
        fields.throwIfAny("Invalid cancellation");
        return dispatcher.send(new CancelPolicyChange(wallet, change, signer, signature), exchange)
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    private static PolicyChange change(ChangeRequest raw, Fields fields) {
        PolicyChangeKind kind = fields.required("change.kind", raw.kind(), text -> {
            try {
                return PolicyChangeKind.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be one of " + Arrays.toString(PolicyChangeKind.values()));
            }
        });
        SignerAddress signer = fields.optional("change.signer", raw.signer(), Fields::signer);
        io.custody.api.money.TokenId token = fields.optional("change.token", raw.token(), Fields::token);
        TokenLimits limits = raw.single() == null && raw.daily() == null && raw.weekly() == null ? null
                : new TokenLimits(fields.optional("change.single", raw.single(), Fields::amount),
                        fields.optional("change.daily", raw.daily(), Fields::amount),
                        fields.optional("change.weekly", raw.weekly(), Fields::amount));
        if (kind == PolicyChangeKind.SET_LIMITS && limits == null) {
            limits = TokenLimits.NONE;
        }
        var address = fields.optional("change.address", raw.address(), Fields::destination);
        if (kind == null) {
            return null;
        }
        return new PolicyChange(kind, signer, raw.threshold(), token, limits, address, raw.hours(),
                raw.label() == null ? null : raw.label().strip(), raw.functions(), raw.minApprovals(),
                raw.reason() == null ? null : raw.reason().strip());
    }

    private static PolicyChangeId changeId(String raw) {
        try {
            return PolicyChangeId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new RejectedException(new Rejection(Reason.INVALID_ID, "Invalid policy change id",
                    Map.of("changeId", List.of("must be a UUID"))));
        }
    }

    private static SignerSignature signature(String signature, String publicKey, Fields fields) {
        if (signature == null) {
            fields.add("signature", Reason.MISSING_FIELD, "is required");
            return null;
        }
        try {
            return new SignerSignature(signature, publicKey);
        } catch (IllegalArgumentException e) {
            fields.add(e.getMessage().startsWith("publicKey") ? "publicKey" : "signature", e.getMessage());
            return null;
        }
    }

    private static Instant instant(String raw) {
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
