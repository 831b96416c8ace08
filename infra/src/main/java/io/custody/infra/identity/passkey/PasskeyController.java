package io.custody.infra.identity.passkey;

import io.custody.api.error.Reason;
import io.custody.api.error.RejectedException;
import io.custody.api.error.Rejection;
import io.custody.api.identity.Caller;
import io.custody.api.identity.CallerKind;
import io.custody.api.identity.MemberId;
import io.custody.api.identity.RecordPasskeyUse;
import io.custody.api.identity.RegisterPasskey;
import io.custody.api.identity.RenamePasskey;
import io.custody.api.identity.RevokePasskey;
import io.custody.command.identity.PasskeyUseOutcome;
import io.custody.command.web.CommandDispatcher;
import io.custody.command.withdrawal.signature.PasskeyApprovals;
import io.custody.infra.identity.AccessTokens;
import io.custody.infra.identity.IdentityDirectoryProjection;
import io.custody.infra.identity.SessionResponse;
import io.custody.infra.identity.Sessions;
import io.custody.infra.identity.passkey.PasskeyCeremonies.CeremonyRefused;
import io.custody.infra.identity.passkey.PasskeyCeremonies.Kind;
import io.custody.infra.identity.passkey.PasskeyCeremonies.StoredPasskey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Passkeys over HTTP (ADR identity-002, identity-003): registration for the member of the calling session, login with
 * a passkey (usernameless with a discoverable credential, or for a known member) ending in the same session tokens as
 * enrolment and refresh, and the member's own list, rename and revoke. Challenges come from {@link PasskeyCeremonies}
 * and live in PostgreSQL; the credential's history (counter, revocation, clone suspicion) is the
 * {@code MemberPasskeys} aggregate's.
 */
@RestController
public class PasskeyController {

    static final List<Map<String, Object>> ALGORITHMS = List.of(
            Map.of("type", "public-key", "alg", -7), Map.of("type", "public-key", "alg", -8),
            Map.of("type", "public-key", "alg", -257));

    private final PasskeyCeremonies ceremonies;
    private final PasskeyDirectory directory;
    private final CommandDispatcher commands;
    private final Sessions sessions;
    private final AccessTokens tokens;

    public PasskeyController(PasskeyCeremonies ceremonies, PasskeyDirectory directory, CommandDispatcher commands,
                             Sessions sessions, AccessTokens tokens) {
        this.ceremonies = ceremonies;
        this.directory = directory;
        this.commands = commands;
        this.sessions = sessions;
        this.tokens = tokens;
    }

    public record RegisterRequest(String name, WebAuthnJson.Credential credential) {
    }

    public record LoginOptionsRequest(String memberId) {
    }

    public record LoginRequest(String ceremonyId, WebAuthnJson.Credential credential) {
    }

    public record RenameRequest(String name) {
    }

    /** One of the caller's passkeys; {@code signer} is what a wallet lists to make this passkey one of its signers. */
    public record PasskeyView(String credentialId, String name, String signer, String attestationFormat,
                              boolean backupEligible, boolean backedUp, long signatureCount, Instant registeredAt,
                              Instant lastUsedAt, Instant revokedAt) {

        static PasskeyView of(PasskeyDirectory.Entry entry) {
            return new PasskeyView(entry.credentialId(), entry.name(), entry.signer(), entry.attestationFormat(),
                    entry.backupEligible(), entry.backedUp(), entry.signatureCount(), entry.registeredAt(),
                    entry.lastUsedAt(), entry.revokedAt());
        }
    }

    public record PasskeyList(List<PasskeyView> passkeys) {
    }

    private record LoginVerified(PasskeyDirectory.Entry entry, PasskeyCeremonies.Asserted asserted) {
    }

    /**
     * Options for {@code navigator.credentials.create()}: a discoverable credential with user verification, for the
     * member of the calling session, excluding the passkeys the member holds already.
     */
    @PostMapping(path = "/api/v1/passkeys/registration-options", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, Object>> registrationOptions(ServerWebExchange exchange) {
        Caller caller = member(exchange);
        return blocking(() -> {
            String name = directory.displayName(caller.subject(), caller.organisation().value())
                    .orElse(caller.subject());
            byte[] challenge = ceremonies.challenge(caller.session(), Kind.REGISTRATION, caller.subject());
            List<Map<String, Object>> exclude = directory.of(caller.subject()).stream()
                    .map(e -> Map.<String, Object>of("type", "public-key", "id", e.credentialId())).toList();
            return Map.of("publicKey", Map.of(
                    "rp", Map.of("id", ceremonies.rpId(), "name", "Custody"),
                    "user", Map.of("id", userHandle(caller.subject()), "name", name, "displayName", name),
                    "challenge", WebAuthnJson.encode(challenge),
                    "pubKeyCredParams", ALGORITHMS,
                    "timeout", ceremonies.lifetime().toMillis(),
                    "excludeCredentials", exclude,
                    "authenticatorSelection", Map.of("residentKey", "required", "requireResidentKey", true,
                            "userVerification", "required"),
                    "attestation", "none"));
        });
    }

    /** Verifies the authenticator's response to the registration options and records the passkey. */
    @PostMapping(path = "/api/v1/passkeys", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<PasskeyView>> register(@RequestBody RegisterRequest body, ServerWebExchange exchange) {
        Caller caller = member(exchange);
        WebAuthnJson.Response response = WebAuthnJson.response(body.credential());
        byte[] attestation = WebAuthnJson.required("credential.response.attestationObject",
                response.attestationObject());
        byte[] clientData = WebAuthnJson.required("credential.response.clientDataJSON", response.clientDataJSON());
        String name = body.name() == null ? "Passkey" : body.name();
        return blocking(() -> {
            PasskeyCeremonies.RegisteredFor verified;
            try {
                verified = ceremonies.registerFor(caller.session(), attestation, clientData);
            } catch (CeremonyRefused refused) {
                throw PasskeyRefusals.of(refused, "registration");
            }
            if (!caller.subject().equals(verified.forMember())) {
                throw PasskeyRefusals.invalid("registration", "challenge issued for another member");
            }
            var registered = verified.registered();
            String credentialId = WebAuthnJson.encode(registered.credentialId());
            Optional<PasskeyDirectory.Entry> existing = directory.find(credentialId);
            if (existing.isPresent() && !existing.get().member().equals(caller.subject())) {
                throw new RejectedException(new Rejection(Reason.PASSKEY_ALREADY_REGISTERED,
                        "This passkey is registered already", Map.of()));
            }
            return new RegisterPasskey(MemberId.parse(caller.subject()), caller.organisation(), credentialId,
                    WebAuthnJson.encode(PasskeyApprovals.publicKeyCose(registered.attestedCredentialData())),
                    registered.signatureCount(), registered.attestationFormat(), registered.backupEligible(),
                    registered.backedUp(), name);
        }).flatMap(command -> commands.send(command, exchange)
                .then(blocking(() -> directory.find(command.credentialId()).orElseThrow())))
                .map(entry -> ResponseEntity.status(201).body(PasskeyView.of(entry)));
    }

    /**
     * Options for {@code navigator.credentials.get()}. Without {@code memberId} the ceremony is usernameless (the
     * authenticator offers its discoverable credentials); with it, only that member's passkeys are allowed. The
     * {@code ceremonyId} binds the challenge to this login: it must come back with the assertion.
     */
    @PostMapping(path = "/api/v1/passkeys/login-options", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, Object>> loginOptions(@RequestBody(required = false) LoginOptionsRequest body) {
        String member = body == null || body.memberId() == null ? null : memberId(body.memberId());
        return blocking(() -> {
            String ceremony = UUID.randomUUID().toString();
            byte[] challenge = ceremonies.challenge(ceremony, Kind.AUTHENTICATION, member);
            List<Map<String, Object>> allow = member == null ? List.of() : directory.of(member).stream()
                    .filter(PasskeyDirectory.Entry::active)
                    .map(e -> Map.<String, Object>of("type", "public-key", "id", e.credentialId())).toList();
            return Map.of("ceremonyId", ceremony, "publicKey", Map.of(
                    "challenge", WebAuthnJson.encode(challenge),
                    "rpId", ceremonies.rpId(),
                    "timeout", ceremonies.lifetime().toMillis(),
                    "userVerification", "required",
                    "allowCredentials", allow));
        });
    }

    /** Verifies an assertion to the login options and opens a session, answered as enrolment and refresh are. */
    @PostMapping(path = "/api/v1/passkeys/login", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<SessionResponse> login(@RequestBody LoginRequest body, ServerWebExchange exchange) {
        if (body.ceremonyId() == null) {
            throw new RejectedException(new Rejection(Reason.MISSING_FIELD, "A ceremony id is required",
                    Map.of("ceremonyId", List.of("is required"))));
        }
        byte[] credentialId = WebAuthnJson.credentialId(body.credential());
        WebAuthnJson.Response response = WebAuthnJson.response(body.credential());
        byte[] authenticatorData = WebAuthnJson.required("credential.response.authenticatorData",
                response.authenticatorData());
        byte[] clientData = WebAuthnJson.required("credential.response.clientDataJSON", response.clientDataJSON());
        byte[] signature = WebAuthnJson.required("credential.response.signature", response.signature());
        byte[] userHandle = WebAuthnJson.optional("credential.response.userHandle", response.userHandle());
        String id = WebAuthnJson.encode(credentialId);
        return blocking(() -> {
            PasskeyDirectory.Entry[] owner = new PasskeyDirectory.Entry[1];
            PasskeyCeremonies.Asserted asserted;
            try {
                asserted = ceremonies.authenticate(body.ceremonyId(), credentialId, userHandle, authenticatorData,
                        clientData, signature, raw -> directory.usable(id).map(entry -> {
                            owner[0] = entry;
                            // the counter is judged by the member's aggregate (it records a suspected clone)
                            return new StoredPasskey(PasskeyApprovals.attestedCredentialData(raw,
                                    WebAuthnJson.required("publicKeyCose", entry.publicKeyCose())), 0,
                                    entry.backupEligible(), false);
                        }));
            } catch (CeremonyRefused refused) {
                throw PasskeyRefusals.of(refused, "login");
            }
            PasskeyDirectory.Entry entry = owner[0];
            if (asserted.forMember() != null && !asserted.forMember().equals(entry.member())) {
                throw PasskeyRefusals.invalid("login", "credential of another member than the one asked for");
            }
            if (userHandle != null && !Arrays.equals(userHandle, userHandleBytes(entry.member()))) {
                throw PasskeyRefusals.invalid("login", "user handle does not name the credential's member");
            }
            return new LoginVerified(entry, asserted);
        }).flatMap(found -> {
            PasskeyDirectory.Entry entry = found.entry();
            PasskeyCeremonies.Asserted asserted = found.asserted();
            return commands.<PasskeyUseOutcome>send(new RecordPasskeyUse(MemberId.parse(entry.member()), id,
                            asserted.signatureCount(), asserted.backedUp()), exchange)
                    .flatMap(outcome -> {
                        if (outcome != PasskeyUseOutcome.ACCEPTED) {
                            return Mono.<Sessions.Opened>error(PasskeyRefusals.invalid("login", "passkey use " + outcome));
                        }
                        return blocking(() -> sessions.open(entry.member(), entry.organisation(),
                                IdentityDirectoryProjection.PASSKEY_CREDENTIAL_PREFIX + id, ip(exchange),
                                exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT)));
                    });
        }).map(opened -> SessionResponse.of(opened, tokens.issue(opened.member(), opened.organisation(),
                opened.session().toString(), opened.credential()), tokens.lifetime().toSeconds()));
    }

    /** The caller's passkeys, revoked ones included (with {@code revokedAt}). */
    @GetMapping(path = "/api/v1/passkeys", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<PasskeyList> list(ServerWebExchange exchange) {
        Caller caller = member(exchange);
        return blocking(() -> new PasskeyList(directory.of(caller.subject()).stream().map(PasskeyView::of).toList()));
    }

    @PatchMapping(path = "/api/v1/passkeys/{credentialId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> rename(@PathVariable String credentialId, @RequestBody RenameRequest body,
                                             ServerWebExchange exchange) {
        Caller caller = member(exchange);
        if (body.name() == null) {
            throw new RejectedException(new Rejection(Reason.MISSING_FIELD, "A name is required",
                    Map.of("name", List.of("is required"))));
        }
        return own(caller, credentialId)
                .flatMap(id -> commands.send(new RenamePasskey(MemberId.parse(caller.subject()), id, body.name()),
                        exchange))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    /**
     * Revokes one of the caller's passkeys; it signs in no more and the sessions it opened end. The last active one
     * cannot be revoked ({@code 409 LAST_PASSKEY}): register another first.
     */
    @DeleteMapping(path = "/api/v1/passkeys/{credentialId}")
    public Mono<ResponseEntity<Void>> revoke(@PathVariable String credentialId, ServerWebExchange exchange) {
        Caller caller = member(exchange);
        return own(caller, credentialId)
                .flatMap(id -> commands.send(new RevokePasskey(MemberId.parse(caller.subject()), id), exchange))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    /** The caller's own passkey's id, or {@code 404} (also for another member's passkey: no difference is shown). */
    private Mono<String> own(Caller caller, String credentialId) {
        return blocking(() -> directory.find(credentialId)
                .filter(entry -> entry.member().equals(caller.subject()) && entry.active())
                .map(PasskeyDirectory.Entry::credentialId)
                .orElseThrow(() -> new RejectedException(new Rejection(Reason.PASSKEY_NOT_FOUND,
                        "No such passkey", Map.of()))));
    }

    static Caller member(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange.getAttributes());
        if (caller.kind() != CallerKind.MEMBER || caller.session() == null) {
            throw new RejectedException(new Rejection(Reason.MEMBER_REQUIRED, "Only a member holds passkeys",
                    Map.of()));
        }
        return caller;
    }

    /** The WebAuthn user handle of a member: the UTF-8 bytes of the member id (opaque to the authenticator). */
    static String userHandle(String member) {
        return WebAuthnJson.encode(userHandleBytes(member));
    }

    static byte[] userHandleBytes(String member) {
        return member.getBytes(StandardCharsets.UTF_8);
    }

    private static String memberId(String raw) {
        try {
            return MemberId.parse(raw).toString();
        } catch (IllegalArgumentException e) {
            throw new RejectedException(new Rejection(Reason.INVALID_ID, "Invalid member id",
                    Map.of("memberId", List.of("must be a member id (UUID)"))));
        }
    }

    static String ip(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }

    static <T> Mono<T> blocking(java.util.concurrent.Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
