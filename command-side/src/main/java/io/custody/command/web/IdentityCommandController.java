package io.custody.command.web;

import io.custody.api.error.Reason;
import io.custody.api.identity.Caller;
import io.custody.api.identity.ChangeMemberRoles;
import io.custody.api.identity.CreateServiceAccount;
import io.custody.api.identity.InvitationId;
import io.custody.api.identity.InviteMember;
import io.custody.api.identity.MemberId;
import io.custody.api.identity.RemoveMember;
import io.custody.api.identity.RegisterServiceAccountKey;
import io.custody.api.identity.RevokeServiceAccount;
import io.custody.api.identity.RevokeServiceAccountKey;
import io.custody.api.identity.Role;
import io.custody.api.identity.ServiceAccountId;
import io.custody.command.identity.Secrets;
import io.custody.command.identity.ServiceAccountPublicKeys;
import io.custody.command.identity.ServiceAccountTokens;
import io.custody.command.web.IdentityRequests.InvitationResponse;
import io.custody.command.web.IdentityRequests.InviteRequest;
import io.custody.command.web.IdentityRequests.KeyRequest;
import io.custody.command.web.IdentityRequests.KeyResponse;
import io.custody.command.web.IdentityRequests.RolesRequest;
import io.custody.command.web.IdentityRequests.ServiceAccountRequest;
import io.custody.command.web.IdentityRequests.ServiceAccountResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Administration of the caller's own organisation: invitations, members' roles, service accounts. The organisation
 * is always the caller's; there is no path or body field to name another.
 */
@RestController
@RequestMapping("/api/v1/organisation")
public class IdentityCommandController {

    static final int DEFAULT_INVITATION_HOURS = 72;
    static final int MAX_INVITATION_HOURS = 24 * 14;

    private final CommandDispatcher dispatcher;
    private final Clock clock;

    public IdentityCommandController(CommandDispatcher dispatcher, Clock clock) {
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @PostMapping(path = "/invitations", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<InvitationResponse>> invite(@RequestBody InviteRequest body,
                                                           ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange.getAttributes());
        Fields fields = new Fields();
        Set<Role> roles = roles(body.roles(), fields);
        int hours = body.expiresInHours() == null ? DEFAULT_INVITATION_HOURS : body.expiresInHours();
        if (hours < 1 || hours > MAX_INVITATION_HOURS) {
            fields.add("expiresInHours", "must be from 1 to " + MAX_INVITATION_HOURS);
        }
        fields.throwIfAny("Invalid invitation");
        InvitationId id = InvitationId.random();
        String secret = Secrets.newSecret();
        Instant expiresAt = clock.instant().plus(Duration.ofHours(hours));
        var command = new InviteMember(caller.organisation(), id, roles, Secrets.hash(secret), expiresAt);
        String token = EnrolmentTokens.invitation(caller.organisation(), id, secret);
        return dispatcher.send(command, exchange).then(Mono.just(ResponseEntity.status(201)
                .body(new InvitationResponse(id.toString(), token, "/enrol#" + token, expiresAt.toString()))));
    }

    @PutMapping(path = "/members/{memberId}/roles", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> roles(@PathVariable String memberId, @RequestBody RolesRequest body,
                                            ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange.getAttributes());
        Fields fields = new Fields();
        MemberId member = fields.required("memberId", memberId, Fields.id(MemberId::parse));
        Set<Role> roles = roles(body.roles(), fields);
        fields.throwIfAny("Invalid roles");
        return dispatcher.send(new ChangeMemberRoles(caller.organisation(), member, roles), exchange)
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @DeleteMapping("/members/{memberId}")
    public Mono<ResponseEntity<Void>> remove(@PathVariable String memberId, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange.getAttributes());
        Fields fields = new Fields();
        MemberId member = fields.required("memberId", memberId, Fields.id(MemberId::parse));
        fields.throwIfAny("Invalid member id");
        return dispatcher.send(new RemoveMember(caller.organisation(), member), exchange)
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @PostMapping(path = "/service-accounts", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<ServiceAccountResponse>> createServiceAccount(@RequestBody ServiceAccountRequest body,
                                                                             ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange.getAttributes());
        Fields fields = new Fields();
        String name = fields.required("name", body.name(), Fields::name);
        Set<Role> roles = roles(body.roles(), fields);
        fields.throwIfAny("Invalid service account");
        ServiceAccountId id = ServiceAccountId.random();
        String secret = Secrets.newSecret();
        var command = new CreateServiceAccount(id, caller.organisation(), name, roles, Secrets.hash(secret));
        return dispatcher.send(command, exchange).then(Mono.just(
                ResponseEntity.created(URI.create("/api/v1/organisation/service-accounts/" + id))
                        .body(new ServiceAccountResponse(id.toString(), ServiceAccountTokens.format(id, secret)))));
    }

    @DeleteMapping("/service-accounts/{serviceAccountId}")
    public Mono<ResponseEntity<Void>> revokeServiceAccount(@PathVariable String serviceAccountId,
                                                           ServerWebExchange exchange) {
        Fields fields = new Fields();
        ServiceAccountId id = fields.required("serviceAccountId", serviceAccountId,
                Fields.id(ServiceAccountId::parse));
        fields.throwIfAny("Invalid service account id");
        return dispatcher.send(new RevokeServiceAccount(id), exchange)
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    /**
     * Registers a public key (JWK, P-256 or Ed25519) with which the service account signs the JWT assertions it
     * exchanges for access tokens at {@code POST /api/v1/oauth/token} (ADR identity-011). Answers the key's id (its
     * RFC 7638 thumbprint, the {@code kid} assertions name); registering the same key again answers the same.
     */
    @PostMapping(path = "/service-accounts/{serviceAccountId}/keys", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<KeyResponse>> registerKey(@PathVariable String serviceAccountId,
                                                         @RequestBody KeyRequest body, ServerWebExchange exchange) {
        Fields fields = new Fields();
        ServiceAccountId id = fields.required("serviceAccountId", serviceAccountId,
                Fields.id(ServiceAccountId::parse));
        ServiceAccountPublicKeys.Parsed parsed = ServiceAccountPublicKeys.parse(body.publicKey());
        parsed.problems().forEach(problem -> fields.add("publicKey", problem));
        fields.throwIfAny("Invalid service account key");
        ServiceAccountPublicKeys.PublicKey key = parsed.key();
        return dispatcher.send(new RegisterServiceAccountKey(id, key.keyId(), key.algorithm(), key.canonicalJwk()),
                        exchange)
                .then(Mono.just(ResponseEntity.created(URI.create("/api/v1/organisation/service-accounts/" + id
                        + "/keys/" + key.keyId())).body(new KeyResponse(key.keyId(), key.algorithm()))));
    }

    @DeleteMapping("/service-accounts/{serviceAccountId}/keys/{keyId}")
    public Mono<ResponseEntity<Void>> revokeKey(@PathVariable String serviceAccountId, @PathVariable String keyId,
                                                ServerWebExchange exchange) {
        Fields fields = new Fields();
        ServiceAccountId id = fields.required("serviceAccountId", serviceAccountId,
                Fields.id(ServiceAccountId::parse));
        if (!keyId.matches("[A-Za-z0-9_-]{43}")) {
            fields.add("keyId", Reason.INVALID_ID, "must be a key id as registration answered it");
        }
        fields.throwIfAny("Invalid key id");
        return dispatcher.send(new RevokeServiceAccountKey(id, keyId), exchange)
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    private static Set<Role> roles(List<String> raw, Fields fields) {
        if (raw == null || raw.isEmpty()) {
            fields.add("roles", "must name at least one of " + List.of(Role.values()));
            return Set.of();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (int i = 0; i < raw.size(); i++) {
            String name = raw.get(i);
            try {
                roles.add(Role.valueOf(name == null ? "" : name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                fields.add("roles[" + i + "]", "must be one of " + List.of(Role.values()));
            }
        }
        return roles;
    }
}
