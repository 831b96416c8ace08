package io.custody.infra.identity;

import io.custody.api.error.ErrorCode;
import io.custody.api.error.Reason;
import io.custody.api.error.RejectedException;
import io.custody.api.error.Rejection;
import io.custody.api.identity.AcceptInvitation;
import io.custody.api.identity.FoundOrganisation;
import io.custody.api.identity.InvitationId;
import io.custody.api.identity.MemberId;
import io.custody.api.wallet.OrganisationId;
import io.custody.command.identity.Secrets;
import io.custody.command.web.CommandDispatcher;
import io.custody.command.web.EnrolmentTokens;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Turns an enrolment token into a member with a session: the bootstrap token founds the first organisation with its
 * first administrator; an invitation token makes the invited person a member. A token that is unknown, wrong, used or
 * expired gets one answer, {@code 401 ENROLMENT_INVALID}, whatever the cause.
 */
@RestController
public class EnrolmentController {

    private final BootstrapEnrolment bootstrap;
    private final CommandDispatcher commands;
    private final Sessions sessions;
    private final AccessTokens tokens;

    public EnrolmentController(BootstrapEnrolment bootstrap, CommandDispatcher commands, Sessions sessions,
                               AccessTokens tokens) {
        this.bootstrap = bootstrap;
        this.commands = commands;
        this.sessions = sessions;
        this.tokens = tokens;
    }

    /**
     * @param organisation     the new organisation's slug (bootstrap only)
     * @param organisationName its display name (bootstrap only)
     * @param displayName      the person's name
     */
    public record EnrolRequest(String token, String organisation, String organisationName, String displayName) {
    }

    @PostMapping(path = "/api/v1/enrolment", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<SessionResponse>> enrol(@RequestBody EnrolRequest body, ServerWebExchange exchange) {
        if (body.token() == null) {
            throw new RejectedException(new Rejection(Reason.MISSING_FIELD, "An enrolment token is required",
                    Map.of("token", List.of("is required"))));
        }
        if (body.token().startsWith(BootstrapEnrolment.PREFIX)) {
            return founding(body, exchange);
        }
        return joining(body, exchange);
    }

    private Mono<ResponseEntity<SessionResponse>> founding(EnrolRequest body, ServerWebExchange exchange) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        OrganisationId organisation = null;
        try {
            organisation = new OrganisationId(body.organisation() == null ? "" : body.organisation());
        } catch (IllegalArgumentException e) {
            problems.put("organisation", List.of(e.getMessage()));
        }
        if (body.organisationName() == null) problems.put("organisationName", List.of("is required"));
        if (body.displayName() == null) problems.put("displayName", List.of("is required"));
        if (!problems.isEmpty()) {
            throw new RejectedException(new Rejection(Reason.INVALID_FIELD, "Invalid enrolment", problems));
        }
        String secret = body.token().substring(BootstrapEnrolment.PREFIX.length());
        MemberId admin = MemberId.random();
        OrganisationId org = organisation;
        return Mono.fromCallable(() -> bootstrap.consume(secret))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(consumed -> {
                    if (!consumed) return Mono.error(invalid());
                    return commands.send(new FoundOrganisation(org, body.organisationName(), admin,
                                    body.displayName()), exchange)
                            .onErrorResume(e -> Mono.fromRunnable(() -> bootstrap.restore(secret))
                                    .subscribeOn(Schedulers.boundedElastic()).then(Mono.error(e)))
                            .then(session(admin, org, "enrolment:bootstrap", exchange));
                });
    }

    private Mono<ResponseEntity<SessionResponse>> joining(EnrolRequest body, ServerWebExchange exchange) {
        String[] parts = body.token().split("\\.", -1);
        if (parts.length != 4 || !EnrolmentTokens.INVITATION.equals(parts[0])) {
            return Mono.error(invalid());
        }
        OrganisationId organisation;
        InvitationId invitation;
        try {
            organisation = new OrganisationId(parts[1]);
            invitation = InvitationId.parse(parts[2]);
        } catch (IllegalArgumentException e) {
            return Mono.error(invalid());
        }
        MemberId member = MemberId.random();
        var command = new AcceptInvitation(organisation, invitation, Secrets.hash(parts[3]), member,
                body.displayName());
        return commands.<MemberId>send(command, exchange)
                .onErrorMap(EnrolmentController::notFound, e -> invalid())
                .flatMap(joined -> session(joined, organisation, "enrolment:" + invitation, exchange));
    }

    private Mono<ResponseEntity<SessionResponse>> session(MemberId member, OrganisationId organisation,
                                                          String credential, ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String ip = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
        String userAgent = exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT);
        return Mono.fromCallable(() -> sessions.open(member.toString(), organisation.value(), credential, ip,
                        userAgent))
                .subscribeOn(Schedulers.boundedElastic())
                .map(opened -> ResponseEntity.status(201).body(SessionResponse.of(opened,
                        tokens.issue(opened.member(), opened.organisation(), opened.session().toString(), credential),
                        tokens.lifetime().toSeconds())));
    }

    /** An invitation of an organisation that does not exist is as invalid as a wrong secret. */
    private static boolean notFound(Throwable e) {
        return e instanceof org.axonframework.modelling.command.AggregateNotFoundException
                || e instanceof io.custody.api.error.CommandRejectedException rejected
                && rejected.rejection().code() == ErrorCode.NOT_FOUND;
    }

    private static RejectedException invalid() {
        return new RejectedException(new Rejection(Reason.ENROLMENT_INVALID, "The enrolment token is not valid",
                Map.of()));
    }
}
