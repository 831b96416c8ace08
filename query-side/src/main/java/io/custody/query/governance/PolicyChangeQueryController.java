package io.custody.query.governance;

import io.custody.api.error.ErrorCode;
import io.custody.api.error.RejectedException;
import io.custody.api.governance.PolicyChangeId;
import io.custody.api.governance.PolicyChangeKind;
import io.custody.api.governance.PolicyChangeSigningPayload;
import io.custody.api.governance.PolicyDecision;
import io.custody.api.identity.Caller;
import io.custody.api.wallet.WalletId;
import io.custody.query.wallet.WalletReadRepository;
import io.custody.query.web.PathIds;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read API of a wallet's policy changes (ADR identity-020) and what its signers sign to approve or cancel one. Only
 * the caller's organisation's wallets are visible; anything else answers as a missing wallet or change.
 */
@RestController
@RequestMapping("/api/v1/wallets/{walletId}/policy-changes")
public class PolicyChangeQueryController {

    private final DatabaseClient db;
    private final WalletReadRepository wallets;
    private final JsonMapper json;

    public PolicyChangeQueryController(DatabaseClient db, WalletReadRepository wallets, JsonMapper json) {
        this.db = db;
        this.wallets = wallets;
        this.json = json;
    }

    public record ApprovalView(String signer, String signature, String publicKey, Instant approvedAt) {
    }

    public record PolicyChangeView(String changeId, String walletId, String kind, String description,
                                   JsonNode change, List<String> signers, int threshold, int requiredApprovals,
                                   boolean tightening, long timeLockSeconds, String status, Instant expiresAt,
                                   Instant effectiveAt, String cancelledBy, String failureCode, String failureReason,
                                   Instant proposedAt, Instant updatedAt, List<ApprovalView> approvals) {
    }

    /** What a signer signs: the decision's EIP-712 typed data and its Ed25519 text. */
    public record SigningPayloadView(String changeId, String decision, JsonNode eip712TypedData,
                                     String ed25519Message, String ed25519MessageHex) {
    }

    /** The wallet's changes, newest first (at most 100). */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<List<PolicyChangeView>> list(@PathVariable String walletId, ServerWebExchange exchange) {
        WalletId wallet = PathIds.walletId(walletId);
        return wallets.find(wallet, Caller.of(exchange.getAttributes()))
                .switchIfEmpty(Mono.error(new RejectedException(ErrorCode.NOT_FOUND, "No custody wallet " + wallet)))
                .thenMany(db.sql("SELECT *, change::text AS change_json FROM policy_change_view "
                                + "WHERE wallet_id = :wallet ORDER BY proposed_at DESC, change_id LIMIT 100")
                        .bind("wallet", wallet.value()).map(this::row).all().concatMap(this::withApprovals))
                .collectList();
    }

    @GetMapping(path = "/{changeId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<PolicyChangeView> get(@PathVariable String walletId, @PathVariable String changeId,
                                      ServerWebExchange exchange) {
        return visible(PathIds.walletId(walletId), changeId(changeId), Caller.of(exchange.getAttributes()));
    }

    /** Exactly what a signer signs to {@code approve} (default) or {@code cancel} the change. */
    @GetMapping(path = "/{changeId}/signing-payload", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<SigningPayloadView> signingPayload(@PathVariable String walletId, @PathVariable String changeId,
                                                   @RequestParam(required = false) String decision,
                                                   ServerWebExchange exchange) {
        WalletId wallet = PathIds.walletId(walletId);
        PolicyChangeId id = changeId(changeId);
        PolicyDecision chosen;
        try {
            chosen = decision == null ? PolicyDecision.APPROVE
                    : PolicyDecision.valueOf(decision.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RejectedException.invalid("Invalid decision", Map.of("decision", List.of("must be approve or cancel")));
        }
        return visible(wallet, id, Caller.of(exchange.getAttributes())).map(view -> {
            PolicyChangeSigningPayload payload = new PolicyChangeSigningPayload(wallet, id,
                    PolicyChangeKind.valueOf(view.kind()), view.description(), view.expiresAt());
            return new SigningPayloadView(id.toString(), chosen.word(), json.readTree(payload.eip712Json(chosen)),
                    payload.ed25519Text(chosen), "0x" + HexFormat.of().formatHex(payload.ed25519Message(chosen)));
        });
    }

    private Mono<PolicyChangeView> visible(WalletId wallet, PolicyChangeId id, Caller caller) {
        return wallets.find(wallet, caller)
                .flatMap(w -> db.sql("SELECT *, change::text AS change_json FROM policy_change_view "
                                + "WHERE change_id = :id AND wallet_id = :wallet")
                        .bind("id", id.value()).bind("wallet", wallet.value()).map(this::row).one())
                .flatMap(this::withApprovals)
                .switchIfEmpty(Mono.error(new RejectedException(ErrorCode.NOT_FOUND,
                        "No policy change " + id + " in this wallet")));
    }

    private Mono<PolicyChangeView> withApprovals(PolicyChangeView view) {
        return db.sql("SELECT * FROM policy_change_approval_view WHERE change_id = :id ORDER BY approved_at, signer")
                .bind("id", UUID.fromString(view.changeId()))
                .map(r -> new ApprovalView(r.get("signer", String.class), r.get("signature", String.class),
                        r.get("public_key", String.class), instant(r, "approved_at")))
                .all().collectList()
                .map(approvals -> new PolicyChangeView(view.changeId(), view.walletId(), view.kind(),
                        view.description(), view.change(), view.signers(), view.threshold(),
                        view.requiredApprovals(), view.tightening(), view.timeLockSeconds(), view.status(),
                        view.expiresAt(), view.effectiveAt(), view.cancelledBy(), view.failureCode(),
                        view.failureReason(), view.proposedAt(), view.updatedAt(), approvals));
    }

    private PolicyChangeView row(Readable r) {
        String[] signers = r.get("signers", String[].class);
        return new PolicyChangeView(r.get("change_id", UUID.class).toString(),
                r.get("wallet_id", UUID.class).toString(), r.get("kind", String.class),
                r.get("description", String.class), json.readTree(r.get("change_json", String.class)),
                signers == null ? List.of() : Arrays.asList(signers), r.get("threshold", Integer.class),
                r.get("required_approvals", Integer.class), Boolean.TRUE.equals(r.get("tightening", Boolean.class)),
                r.get("time_lock_seconds", Long.class), r.get("status", String.class), instant(r, "expires_at"),
                instant(r, "effective_at"), r.get("cancelled_by", String.class), r.get("failure_code", String.class),
                r.get("failure_reason", String.class), instant(r, "proposed_at"), instant(r, "updated_at"),
                List.of());
    }

    private static Instant instant(Readable r, String column) {
        OffsetDateTime value = r.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static PolicyChangeId changeId(String raw) {
        try {
            return PolicyChangeId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw RejectedException.invalid("Invalid policy change id", Map.of("changeId", List.of("must be a UUID")));
        }
    }
}
