package io.custody.command.web;

import io.custody.api.error.Reason;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.AddSigner;
import io.custody.api.wallet.AddWhitelistAddress;
import io.custody.api.wallet.AllowContract;
import io.custody.api.wallet.DisallowContract;
import io.custody.api.wallet.ChangeThreshold;
import io.custody.api.wallet.ChangeWalletStatus;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.RemoveSigner;
import io.custody.api.wallet.RemoveWhitelistAddress;
import io.custody.api.wallet.SetWithdrawalDelay;
import io.custody.api.wallet.SetWithdrawalLimits;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.TokenLimits;
import io.custody.api.wallet.WalletId;
import io.custody.api.wallet.WalletStatus;
import io.custody.command.web.PolicyRequests.ContractRequest;
import io.custody.command.web.PolicyRequests.DelayRequest;
import io.custody.command.web.PolicyRequests.LimitsRequest;
import io.custody.command.web.PolicyRequests.StatusRequest;
import io.custody.command.web.PolicyRequests.ThresholdRequest;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Write API of a wallet's policy: delay, limits, whitelist, status, signers and threshold. Every endpoint is a PUT or
 * DELETE of the desired state, so repeating a request is harmless; each answers 204.
 */
@RestController
@RequestMapping("/api/v1/wallets/{walletId}")
public class WalletPolicyController {

    private final CommandDispatcher dispatcher;

    public WalletPolicyController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PutMapping(path = "/withdrawal-delay", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> delay(@PathVariable String walletId, @RequestBody DelayRequest body,
                                            ServerWebExchange exchange) {
        WalletId id = Fields.walletId(walletId);
        Fields fields = new Fields();
        if (body.hours() == null) fields.add("hours", Reason.MISSING_FIELD, "is required");
        fields.throwIfAny("Invalid withdrawal delay");
        return done(new SetWithdrawalDelay(id, body.hours()), exchange);
    }

    @PutMapping(path = "/limits/{token}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> limits(@PathVariable String walletId, @PathVariable String token,
                                             @RequestBody LimitsRequest body, ServerWebExchange exchange) {
        WalletId id = Fields.walletId(walletId);
        Fields fields = new Fields();
        TokenId tokenId = fields.required("token", token, Fields::token);
        TokenLimits limits = new TokenLimits(fields.optional("single", body.single(), Fields::amount),
                fields.optional("daily", body.daily(), Fields::amount),
                fields.optional("weekly", body.weekly(), Fields::amount));
        fields.throwIfAny("Invalid withdrawal limits");
        return done(new SetWithdrawalLimits(id, tokenId, limits), exchange);
    }

    @PutMapping("/whitelist/{address}")
    public Mono<ResponseEntity<Void>> whitelist(@PathVariable String walletId, @PathVariable String address,
                                                ServerWebExchange exchange) {
        WalletId id = Fields.walletId(walletId);
        DestinationAddress destination = single("address", address, Fields::destination, "Invalid address");
        return done(new AddWhitelistAddress(id, destination), exchange);
    }

    @DeleteMapping("/whitelist/{address}")
    public Mono<ResponseEntity<Void>> unlist(@PathVariable String walletId, @PathVariable String address,
                                             ServerWebExchange exchange) {
        WalletId id = Fields.walletId(walletId);
        DestinationAddress destination = single("address", address, Fields::destination, "Invalid address");
        return done(new RemoveWhitelistAddress(id, destination), exchange);
    }

    /**
     * Allows the wallet's contract-call proposals to call the listed functions of a contract (replacing an earlier
     * entry for it). Nothing else of the contract may be called.
     */
    @PutMapping(path = "/contracts/{address}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> allowContract(@PathVariable String walletId, @PathVariable String address,
                                                    @RequestBody ContractRequest body, ServerWebExchange exchange) {
        WalletId id = Fields.walletId(walletId);
        Fields fields = new Fields();
        DestinationAddress contract = fields.required("address", address, Fields::destination);
        if (body.functions() == null) {
            fields.add("functions", io.custody.api.error.Reason.MISSING_FIELD, "is required");
        }
        fields.throwIfAny("Invalid contract");
        int minApprovals = body.minApprovals() == null ? 0 : body.minApprovals();
        return done(new AllowContract(id, contract, body.label(), body.functions(), minApprovals), exchange);
    }

    @DeleteMapping("/contracts/{address}")
    public Mono<ResponseEntity<Void>> disallowContract(@PathVariable String walletId, @PathVariable String address,
                                                       ServerWebExchange exchange) {
        WalletId id = Fields.walletId(walletId);
        DestinationAddress contract = single("address", address, Fields::destination, "Invalid address");
        return done(new DisallowContract(id, contract), exchange);
    }

    @PutMapping(path = "/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> status(@PathVariable String walletId, @RequestBody StatusRequest body,
                                             ServerWebExchange exchange) {
        WalletId id = Fields.walletId(walletId);
        Fields fields = new Fields();
        WalletStatus status = fields.required("status", body.status(), raw -> {
            try {
                return WalletStatus.valueOf(raw.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be one of ACTIVE, SUSPENDED, CLOSED");
            }
        });
        fields.throwIfAny("Invalid wallet status");
        return done(new ChangeWalletStatus(id, status, body.reason()), exchange);
    }

    @PutMapping("/signers/{address}")
    public Mono<ResponseEntity<Void>> addSigner(@PathVariable String walletId, @PathVariable String address,
                                                ServerWebExchange exchange) {
        WalletId id = Fields.walletId(walletId);
        SignerAddress signer = single("signer", address, Fields::signer, "Invalid signer");
        return done(new AddSigner(id, signer), exchange);
    }

    @DeleteMapping("/signers/{address}")
    public Mono<ResponseEntity<Void>> removeSigner(@PathVariable String walletId, @PathVariable String address,
                                                   ServerWebExchange exchange) {
        WalletId id = Fields.walletId(walletId);
        SignerAddress signer = single("signer", address, Fields::signer, "Invalid signer");
        return done(new RemoveSigner(id, signer), exchange);
    }

    @PutMapping(path = "/threshold", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> threshold(@PathVariable String walletId, @RequestBody ThresholdRequest body,
                                                ServerWebExchange exchange) {
        WalletId id = Fields.walletId(walletId);
        Fields fields = new Fields();
        if (body.threshold() == null) fields.add("threshold", Reason.MISSING_FIELD, "is required");
        fields.throwIfAny("Invalid threshold");
        return done(new ChangeThreshold(id, body.threshold()), exchange);
    }

    private Mono<ResponseEntity<Void>> done(Object command, ServerWebExchange exchange) {
        return dispatcher.send(command, exchange).then(Mono.just(ResponseEntity.noContent().build()));
    }

    /** Parses one path value, answering {@code VALIDATION_ERROR} naming {@code field} when it is malformed. */
    private static <T> T single(String field, String raw, Function<String, T> parse, String message) {
        Fields fields = new Fields();
        T value = fields.required(field, raw, parse);
        fields.throwIfAny(message);
        return value;
    }
}
