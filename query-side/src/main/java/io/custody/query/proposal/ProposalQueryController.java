package io.custody.query.proposal;

import io.custody.api.EventCatalog;
import io.custody.api.common.Page;
import io.custody.api.error.ErrorCode;
import io.custody.api.error.RejectedException;
import io.custody.api.identity.Caller;
import io.custody.api.money.Amount;
import org.springframework.web.server.ServerWebExchange;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalSigningPayload;
import io.custody.api.withdrawal.ProposalStatus;
import io.custody.api.withdrawal.ProposalView;
import io.custody.query.wallet.WalletEventStream;
import io.custody.query.wallet.WalletReadRepository;
import io.custody.query.web.PathIds;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Read API of a wallet's withdrawal proposals, what signers sign, and the proposal event stream. */
@RestController
@RequestMapping("/api/v1/wallets/{walletId}/proposals")
public class ProposalQueryController {

    private final ProposalReadRepository proposals;
    private final WalletReadRepository wallets;
    private final WalletEventStream events;
    private final JsonMapper json;

    public ProposalQueryController(ProposalReadRepository proposals, WalletReadRepository wallets,
                                   WalletEventStream events, JsonMapper json) {
        this.proposals = proposals;
        this.wallets = wallets;
        this.events = events;
        this.json = json;
    }

    /** What a signer signs: the decision's signing payload for both signature schemes. */
    public record SigningPayloadView(String proposalId, String decision, JsonNode eip712TypedData,
                                     String ed25519Message, String ed25519MessageHex) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Page<ProposalView>> list(@PathVariable String walletId,
                                         @RequestParam(required = false) String status,
                                         @RequestParam(required = false) String page,
                                         @RequestParam(required = false) String size,
                                         ServerWebExchange exchange) {
        WalletId id = PathIds.walletId(walletId);
        Caller caller = Caller.of(exchange.getAttributes());
        Map<String, List<String>> errors = new LinkedHashMap<>();
        ProposalStatus wanted = null;
        if (status != null) {
            try {
                wanted = ProposalStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.computeIfAbsent("status", k -> new ArrayList<>()).add(
                        "must be one of " + List.of(ProposalStatus.values()));
            }
        }
        int pageNumber = intParam(page, 0, "page", 0, 1_000_000, errors);
        int pageSize = intParam(size, 20, "size", 1, 100, errors);
        if (!errors.isEmpty()) {
            throw RejectedException.invalid("Invalid proposal listing", errors);
        }
        ProposalStatus filter = wanted;
        return requireWallet(id, caller).then(proposals.list(id, filter, pageNumber, pageSize));
    }

    @GetMapping(path = "/{proposalId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ProposalView> get(@PathVariable String walletId, @PathVariable String proposalId,
                                  ServerWebExchange exchange) {
        WalletId wallet = PathIds.walletId(walletId);
        ProposalId id = PathIds.proposalId(proposalId);
        return visibleProposal(wallet, id, Caller.of(exchange.getAttributes()));
    }

    /**
     * Exactly what a signer must sign to {@code approve} (default) or {@code reject}: EIP-712 typed data for
     * {@code eth_signTypedData_v4}, and the Ed25519 message as text and hex.
     */
    @GetMapping(path = "/{proposalId}/signing-payload", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<SigningPayloadView> signingPayload(@PathVariable String walletId, @PathVariable String proposalId,
                                                   @RequestParam(required = false) String decision,
                                                   ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange.getAttributes());
        WalletId wallet = PathIds.walletId(walletId);
        ProposalId id = PathIds.proposalId(proposalId);
        Decision chosen;
        try {
            chosen = decision == null ? Decision.APPROVE : Decision.valueOf(decision.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RejectedException.invalid("Invalid decision", Map.of("decision", List.of("must be approve or reject")));
        }
        return visibleProposal(wallet, id, caller).map(p -> {
            ProposalSigningPayload payload = new ProposalSigningPayload(wallet, id, p.nonce(), new TokenId(p.token()),
                    Amount.parse(p.amount()), new DestinationAddress(ChainFamily.valueOf(p.chainFamily()), p.to()),
                    p.expiresAt(), p.call() == null ? null : new io.custody.api.withdrawal.ContractCall(
                            p.call().function(), p.call().arguments().stream().map(ProposalView.ArgumentView::value)
                                    .toList(), p.call().data()), p.notBefore());
            return new SigningPayloadView(id.toString(), chosen.word(), json.readTree(payload.eip712Json(chosen)),
                    payload.ed25519Text(chosen), "0x" + HexFormat.of().formatHex(payload.ed25519Message(chosen)));
        });
    }

    /** What a proposer signs to request a withdrawal: the request's typed data and Ed25519 message. */
    public record RequestPayloadView(JsonNode eip712TypedData, String ed25519Message, String ed25519MessageHex) {
    }

    /**
     * The request payload a proposer signs before {@code POST …/proposals}, built from the values the proposer chose;
     * served so that wallets sign exactly what the command side verifies. With {@code function} (and one
     * {@code argument} parameter per argument, in order), it is the payload of {@code POST …/contract-calls}, where
     * {@code to} is the contract and {@code amount} the value sent with the call.
     */
    @GetMapping(path = "/request-payload", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<RequestPayloadView> requestPayload(@PathVariable String walletId, ServerWebExchange exchange,
                                             @RequestParam(required = false) String proposalId,
                                             @RequestParam(required = false) String to,
                                             @RequestParam(required = false) String token,
                                             @RequestParam(required = false) String amount,
                                             @RequestParam(required = false) String expiresAt,
                                             @RequestParam(required = false) String function,
                                             @RequestParam(name = "argument", required = false) List<String> arguments,
                                             @RequestParam(required = false) String notBefore) {
        WalletId wallet = PathIds.walletId(walletId);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        ProposalId id = param(errors, "proposalId", proposalId, ProposalId::parse);
        DestinationAddress destination = param(errors, "to", to, raw -> new DestinationAddress(
                raw.length() == 66 ? ChainFamily.APTOS : ChainFamily.EVM, raw));
        TokenId tokenId = param(errors, "token", token, TokenId::new);
        Amount value = param(errors, "amount", amount, Amount::parse);
        java.time.Instant expiry = param(errors, "expiresAt", expiresAt, raw -> {
            try {
                return java.time.Instant.parse(raw).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("must be an ISO-8601 instant");
            }
        });
        io.custody.api.withdrawal.ContractCall call = function == null ? null : param(errors, "function", function,
                raw -> io.custody.api.withdrawal.ContractCall.request(raw, arguments == null ? List.of() : arguments));
        java.time.Instant schedule = notBefore == null ? null : param(errors, "notBefore", notBefore, raw -> {
            try {
                return java.time.Instant.parse(raw).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("must be an ISO-8601 instant");
            }
        });
        if (!errors.isEmpty()) {
            throw RejectedException.invalid("Invalid withdrawal request", errors);
        }
        var payload = new io.custody.api.withdrawal.ProposalRequestPayload(wallet, id, tokenId, value, destination,
                expiry, call, schedule);
        return requireWallet(wallet, Caller.of(exchange.getAttributes())).thenReturn(new RequestPayloadView(
                json.readTree(payload.eip712Json()), payload.ed25519Text(),
                "0x" + HexFormat.of().formatHex(payload.ed25519Message())));
    }

    private static <T> T param(Map<String, List<String>> errors, String name, String raw,
                               java.util.function.Function<String, T> parse) {
        if (raw == null) {
            errors.computeIfAbsent(name, k -> new ArrayList<>()).add("is required");
            return null;
        }
        try {
            return parse.apply(raw);
        } catch (IllegalArgumentException e) {
            errors.computeIfAbsent(name, k -> new ArrayList<>()).add(e.getMessage());
            return null;
        }
    }

    /** The wallet's proposal events as SSE, resumable with {@code Last-Event-ID} like the wallet stream. */
    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> events(@PathVariable String walletId,
                                                @RequestHeader(name = "Last-Event-ID", required = false) String lastEventHeader,
                                                @RequestParam(name = "lastEventId", required = false) String lastEventParam,
                                                ServerWebExchange exchange) {
        WalletId id = PathIds.walletId(walletId);
        long after = WalletEventStream.lastEventId(lastEventHeader != null ? lastEventHeader : lastEventParam);
        return requireWallet(id, Caller.of(exchange.getAttributes())).thenMany(
                events.follow(id, after, e -> EventCatalog.isOf(e.type(), EventCatalog.Stream.PROPOSAL)));
    }

    /** A proposal of a wallet of the caller's organisation; anything else is "no such proposal", alike. */
    private Mono<ProposalView> visibleProposal(WalletId wallet, ProposalId id, Caller caller) {
        return wallets.find(wallet, caller).flatMap(w -> proposals.find(wallet, id))
                .switchIfEmpty(Mono.error(notFound(id)));
    }

    private Mono<Void> requireWallet(WalletId id, Caller caller) {
        return wallets.find(id, caller)
                .switchIfEmpty(Mono.error(new RejectedException(ErrorCode.NOT_FOUND, "No custody wallet " + id)))
                .then();
    }

    private static RejectedException notFound(ProposalId id) {
        return new RejectedException(ErrorCode.NOT_FOUND, "No proposal " + id + " in this wallet");
    }

    private static int intParam(String raw, int fallback, String name, int min, int max,
                                Map<String, List<String>> errors) {
        if (raw == null) return fallback;
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) return value;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.computeIfAbsent(name, k -> new ArrayList<>()).add("must be an integer from " + min + " to " + max);
        return fallback;
    }
}
