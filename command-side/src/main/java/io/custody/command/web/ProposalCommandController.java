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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Write API of withdrawal proposals: propose, approve, reject. */
@RestController
@RequestMapping("/api/v1/wallets/{walletId}/proposals")
public class ProposalCommandController {

    private final CommandDispatcher dispatcher;

    public ProposalCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Proposes a withdrawal. The proposal id is the client's, so repeating the request returns the same proposal; the
     * same id with other content is {@code 409 IDEMPOTENCY_CONFLICT}.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<ProposedResponse>> propose(@PathVariable String walletId,
                                                          @RequestBody ProposeRequest body,
                                                          ServerWebExchange exchange) {
        WalletId wallet = Fields.walletId(walletId);
        Fields fields = new Fields();
        ProposalId id = fields.required("proposalId", body.proposalId(), ProposalId::parse);
        SignerAddress proposer = fields.required("proposer", body.proposer(), Fields::signer);
        DestinationAddress to = fields.required("to", body.to(), Fields::destination);
        TokenId token = fields.required("token", body.token(), Fields::token);
        Amount amount = fields.required("amount", body.amount(), Fields::amount);
        Instant expiresAt = fields.required("expiresAt", body.expiresAt(), ProposalCommandController::instant);
        SignerSignature signature = signature(body.signature(), body.publicKey(), fields);
        fields.throwIfAny("Invalid withdrawal proposal");
        var command = new ProposeWithdrawal(wallet, id, proposer, to, token, amount, expiresAt, signature);
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
        SignerSignature signature = signature(body.signature(), body.publicKey(), fields);
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
        SignerSignature signature = signature(body.signature(), body.publicKey(), fields);
        fields.throwIfAny("Invalid rejection");
        return dispatcher.send(new RejectProposal(wallet, proposal, signer, signature, body.reason()), exchange)
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    private static SignerSignature signature(String signature, String publicKey, Fields fields) {
        if (signature == null) {
            fields.add("signature", "is required");
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
