package io.custody.command.web;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ApproveProposal;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.error.Reason;
import io.custody.api.withdrawal.ContractCall;
import io.custody.api.withdrawal.ProposeContractCall;
import io.custody.api.withdrawal.ProposeWithdrawal;
import io.custody.api.withdrawal.RejectProposal;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.command.web.ProposalRequests.ContractCallRequest;
import io.custody.command.web.ProposalRequests.ProposeRequest;
import io.custody.command.web.ProposalRequests.ProposedResponse;
import io.custody.command.web.ProposalRequests.VoteRequest;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Write API of transaction proposals: propose a withdrawal or a contract call, approve, reject. */
@RestController
@RequestMapping("/api/v1/wallets/{walletId}")
public class ProposalCommandController {

    private final CommandDispatcher dispatcher;

    public ProposalCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Proposes a withdrawal. The proposal id is the client's, so repeating the request returns the same proposal; the
     * same id with other content is {@code 409 IDEMPOTENCY_CONFLICT}.
     */
    @PostMapping(path = "/proposals", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
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
        return created(wallet, new ProposeWithdrawal(wallet, id, proposer, to, token, amount, expiresAt, signature),
                exchange);
    }

    /**
     * Proposes a transaction that calls a contract the wallet's policy allows. Approvers see the call decoded and sign
     * it with its calldata; the created proposal is a proposal like any other (votes, delay, execution).
     */
    @PostMapping(path = "/contract-calls", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<ProposedResponse>> proposeCall(@PathVariable String walletId,
                                                              @RequestBody ContractCallRequest body,
                                                              ServerWebExchange exchange) {
        WalletId wallet = Fields.walletId(walletId);
        Fields fields = new Fields();
        ProposalId id = fields.required("proposalId", body.proposalId(), ProposalId::parse);
        SignerAddress proposer = fields.required("proposer", body.proposer(), Fields::signer);
        DestinationAddress contract = fields.required("contract", body.contract(), Fields::destination);
        TokenId token = fields.required("token", body.token(), Fields::token);
        Amount value = fields.required("value", body.value(), Fields::amount);
        ContractCall call = null;
        if (body.function() == null) {
            fields.add("function", Reason.MISSING_FIELD, "is required");
        } else {
            try {
                call = ContractCall.request(body.function(), body.arguments() == null ? List.of() : body.arguments());
            } catch (IllegalArgumentException e) {
                fields.add(e.getMessage().startsWith("function") ? "function" : "arguments", Reason.INVALID_CALL,
                        e.getMessage());
            }
        }
        Instant expiresAt = fields.required("expiresAt", body.expiresAt(), ProposalCommandController::instant);
        Instant notBefore = fields.optional("notBefore", body.notBefore(), ProposalCommandController::instant);
        SignerSignature signature = signature(body.signature(), body.publicKey(), fields);
        fields.throwIfAny("Invalid contract call");
        return created(wallet, new ProposeContractCall(wallet, id, proposer, contract, token, value, call, expiresAt,
                signature, notBefore), exchange);
    }

    private Mono<ResponseEntity<ProposedResponse>> created(WalletId wallet, Object command,
                                                           ServerWebExchange exchange) {
        return dispatcher.<ProposalId>send(command, exchange).map(created -> {
            String self = "/api/v1/wallets/" + wallet + "/proposals/" + created;
            return ResponseEntity.created(URI.create(self))
                    .body(new ProposedResponse(created.toString(), self, self + "/signing-payload"));
        });
    }

    @PostMapping(path = "/proposals/{proposalId}/approvals", consumes = MediaType.APPLICATION_JSON_VALUE)
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

    @PostMapping(path = "/proposals/{proposalId}/rejections", consumes = MediaType.APPLICATION_JSON_VALUE)
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
