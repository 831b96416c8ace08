package io.custody.command.web;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ApproveProposal;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposeWithdrawal;
import io.custody.api.withdrawal.RejectProposal;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.command.web.ProposalRequests.ProposeRequest;
import io.custody.command.web.ProposalRequests.ProposedResponse;
import io.custody.command.web.ProposalRequests.VoteRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Write API of withdrawal proposals: propose, approve, reject. */
@RestController
@RequestMapping("/api/v1/wallets/{walletId}/proposals")
public class ProposalCommandController {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private final CommandDispatcher dispatcher;
    private final Clock clock;

    public ProposalCommandController(CommandDispatcher dispatcher, Clock clock) {
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /**
     * Proposes a withdrawal. With an {@code Idempotency-Key} the proposal id is derived from (wallet, key), so a
     * retried request finds the same proposal; the same key with other content is {@code 409 IDEMPOTENCY_CONFLICT}.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<ProposedResponse>> propose(
            @PathVariable String walletId, @RequestBody ProposeRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            ServerWebExchange exchange) {
        WalletId wallet = Fields.walletId(walletId);
        Fields fields = new Fields();
        SignerAddress proposer = fields.required("proposer", body.proposer(), Fields::signer);
        DestinationAddress to = fields.required("to", body.to(), Fields::destination);
        TokenId token = fields.required("token", body.token(), Fields::token);
        Amount amount = fields.required("amount", body.amount(), Fields::amount);
        Instant expiresAt = expiry(body, fields);
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            fields.add("Idempotency-Key", "must be 1-128 visible ASCII characters");
        }
        fields.throwIfAny("Invalid withdrawal proposal");
        ProposalId id = idempotencyKey == null ? ProposalId.random() : new ProposalId(UUID.nameUUIDFromBytes(
                ("withdrawal-proposal\u0000" + wallet + "\u0000" + idempotencyKey).getBytes(StandardCharsets.UTF_8)));
        var command = new ProposeWithdrawal(wallet, id, proposer, to, token, amount, expiresAt);
        return dispatcher.<ProposalId>send(command, exchange).map(created -> {
            String self = "/api/v1/wallets/" + wallet + "/proposals/" + created;
            return ResponseEntity.created(URI.create(self))
                    .body(new ProposedResponse(created.toString(), self, self + "/signing-payload"));
        });
    }

    @PostMapping(path = "/{proposalId}/approvals", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> approve(@PathVariable String walletId, @PathVariable String proposalId,
                                              @RequestBody VoteRequest body, ServerWebExchange exchange) {
        WalletId wallet = Fields.walletId(walletId);
        ProposalId proposal = Fields.proposalId(proposalId);
        Fields fields = new Fields();
        SignerAddress signer = fields.required("signer", body.signer(), Fields::signer);
        SignerSignature signature = signature(body, fields);
        fields.throwIfAny("Invalid approval");
        return dispatcher.send(new ApproveProposal(wallet, proposal, signer, signature), exchange)
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @PostMapping(path = "/{proposalId}/rejections", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> reject(@PathVariable String walletId, @PathVariable String proposalId,
                                             @RequestBody VoteRequest body, ServerWebExchange exchange) {
        WalletId wallet = Fields.walletId(walletId);
        ProposalId proposal = Fields.proposalId(proposalId);
        Fields fields = new Fields();
        SignerAddress signer = fields.required("signer", body.signer(), Fields::signer);
        SignerSignature signature = signature(body, fields);
        fields.throwIfAny("Invalid rejection");
        return dispatcher.send(new RejectProposal(wallet, proposal, signer, signature, body.reason()), exchange)
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    private static SignerSignature signature(VoteRequest body, Fields fields) {
        if (body.signature() == null) {
            fields.add("signature", "is required");
            return null;
        }
        try {
            return new SignerSignature(body.signature(), body.publicKey());
        } catch (IllegalArgumentException e) {
            fields.add(e.getMessage().startsWith("publicKey") ? "publicKey" : "signature", e.getMessage());
            return null;
        }
    }

    private Instant expiry(ProposeRequest body, Fields fields) {
        if (body.expiresAt() != null && body.expiresInSeconds() != null) {
            fields.add("expiresAt", "give either expiresAt or expiresInSeconds, not both");
            return null;
        }
        if (body.expiresInSeconds() != null) {
            if (body.expiresInSeconds() < 1 || body.expiresInSeconds() > 30L * 24 * 3600) {
                fields.add("expiresInSeconds", "must be from 1 to 2592000 (30 days)");
                return null;
            }
            return clock.instant().plusSeconds(body.expiresInSeconds());
        }
        if (body.expiresAt() == null) {
            fields.add("expiresAt", "is required (or give expiresInSeconds)");
            return null;
        }
        try {
            return Instant.parse(body.expiresAt());
        } catch (DateTimeParseException e) {
            fields.add("expiresAt", "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
            return null;
        }
    }
}
