package io.custody.command.web;

import io.custody.api.error.Reason;
import io.custody.api.payment.IssueMerchantApiKey;
import io.custody.api.payment.MerchantApiKeyScope;
import io.custody.api.payment.MerchantId;
import io.custody.api.payment.RevokeMerchantApiKey;
import io.custody.command.identity.Secrets;
import io.custody.command.payment.MerchantApiKeys;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Issues and revokes a merchant's API keys (ADR identity-030). The server makes the secret, answers it once and sends
 * only its hash on; the list of keys (never a secret) is read from the identity directory in infra.
 */
@RestController
@RequestMapping("/api/v1/merchants/{merchantId}/api-keys")
public class MerchantApiKeyController {

    private final CommandDispatcher dispatcher;

    public MerchantApiKeyController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** @param scopes absent: every scope a merchant key can have (route and read the merchant's payments) */
    record IssueRequest(String label, List<String> scopes, String expiresAt) {
    }

    /** The key itself ({@code apiKey}) is in this answer only, never again. */
    record IssuedKey(String merchantId, String keyId, String apiKey, String label, List<String> scopes,
                     String expiresAt) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<IssuedKey>> issue(@PathVariable String merchantId, @RequestBody IssueRequest body,
                                                 ServerWebExchange exchange) {
        Fields fields = new Fields();
        MerchantId merchant = fields.required("merchantId", merchantId, Fields.id(MerchantId::new));
        String label = fields.required("label", body.label(), Fields::name);
        Set<MerchantApiKeyScope> scopes = scopes(body.scopes(), fields);
        Instant expiresAt = fields.optional("expiresAt", body.expiresAt(), raw -> {
            try {
                return Instant.parse(raw);
            } catch (DateTimeParseException e) {
                throw new InvalidValue(Reason.INVALID_FIELD,
                        "must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
            }
        });
        fields.throwIfAny("Invalid merchant API key");
        String keyId = MerchantApiKeys.newKeyId();
        String secret = Secrets.newSecret();
        var command = new IssueMerchantApiKey(merchant, keyId, Secrets.hash(secret), label, scopes, expiresAt);
        IssuedKey issued = new IssuedKey(merchant.value(), keyId, MerchantApiKeys.format(keyId, secret), label.strip(),
                scopes.stream().map(Enum::name).sorted().toList(), expiresAt == null ? null : expiresAt.toString());
        return dispatcher.send(command, exchange).then(Mono.fromSupplier(() -> ResponseEntity
                .created(URI.create("/api/v1/merchants/" + merchant + "/api-keys/" + keyId)).body(issued)));
    }

    @DeleteMapping("/{apiKeyId}")
    public Mono<ResponseEntity<Void>> revoke(@PathVariable String merchantId, @PathVariable String apiKeyId,
                                             ServerWebExchange exchange) {
        Fields fields = new Fields();
        MerchantId merchant = fields.required("merchantId", merchantId, Fields.id(MerchantId::new));
        if (!MerchantApiKeys.KEY_ID.matcher(apiKeyId).matches()) {
            fields.add("apiKeyId", Reason.INVALID_ID, "must be a key id as issuing answered it (32 hex characters)");
        }
        fields.throwIfAny("Invalid merchant API key id");
        return dispatcher.send(new RevokeMerchantApiKey(merchant, apiKeyId), exchange)
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    private static Set<MerchantApiKeyScope> scopes(List<String> raw, Fields fields) {
        if (raw == null) return EnumSet.allOf(MerchantApiKeyScope.class);
        if (raw.isEmpty()) {
            fields.add("scopes", "must name at least one of " + List.of(MerchantApiKeyScope.values()));
            return Set.of();
        }
        Set<MerchantApiKeyScope> scopes = EnumSet.noneOf(MerchantApiKeyScope.class);
        for (int i = 0; i < raw.size(); i++) {
            String name = raw.get(i);
            try {
                scopes.add(MerchantApiKeyScope.valueOf(name == null ? "" : name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                fields.add("scopes[" + i + "]", "must be one of " + List.of(MerchantApiKeyScope.values()));
            }
        }
        return scopes;
    }
}
