package io.custody.infra.security;

import static io.custody.api.identity.Role.COMPLIANCE_OFFICER;
import static io.custody.api.identity.Role.ORG_ADMIN;
import static io.custody.api.identity.Role.SIGNER;
import static io.custody.api.identity.Role.VIEWER;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import io.custody.api.identity.Role;
import io.custody.api.payment.MerchantApiKeyScope;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * <strong>The one place where an API route declares who may call it.</strong> Everything under {@code /api/**} that
 * is not listed here is refused ({@code 401} without credentials, {@code 403} with), so a new endpoint is closed until
 * its line is added. To open an endpoint, add one line:
 *
 * <pre>{@code
 *   rule(GET, "/api/v1/audit/**", COMPLIANCE_OFFICER, ORG_ADMIN),       // any of these roles
 *   memberRule(POST, "/api/v1/things/{id}/approvals", SIGNER),          // a person only, never a service account
 *   open(POST, "/api/v1/enrolment"),                                     // no caller needed (rare: say why)
 *   merchantRule(POST, "/api/v1/merchants/{merchantId}/x", SOME_SCOPE, ORG_ADMIN), // also a merchant API key
 * }</pre>
 *
 * A merchant API key (ADR identity-030) holds no role: it passes only lines made with {@code merchantRule} whose
 * scope it holds, and those name {@code {merchantId}}, whose handler answers another merchant as a missing one.
 *
 * Patterns are Spring {@code PathPattern}s ({@code {var}}, {@code **}); the first matching line decides, so put the
 * more specific line first when two overlap. A rule only says which <em>roles</em> may call; the tenant rule (another
 * organisation's resource answers {@code 404}) is kept by the handler, which takes the organisation from
 * {@code Caller.of(exchange.getAttributes())}, never from the request. {@code ApiAccessRulesTest} checks that every
 * route the application serves is listed.
 */
public final class ApiAccessRules {

    private static final Role[] READERS = {ORG_ADMIN, SIGNER, VIEWER, COMPLIANCE_OFFICER};
    private static final Role[] ANY_ROLE = Role.values();

    /**
     * One route.
     *
     * @param roles       the caller needs at least one of them
     * @param membersOnly only a member (a person with a session) may call; service accounts get {@code 403}
     * @param open        no caller is needed at all
     * @param merchantScope the scope with which a merchant API key may call it too, or {@code null}: no merchant key
     */
    public record Rule(HttpMethod method, String pattern, Set<Role> roles, boolean membersOnly, boolean open,
                       MerchantApiKeyScope merchantScope) {
    }

    public static final List<Rule> RULES = List.of(
            // sessions and enrolment: the way in has to be open
            open(POST, "/api/v1/enrolment"),
            open(POST, "/api/v1/sessions/refresh"),
            // a service account's signed JWT assertion for an access token (RFC 7523): the assertion is the credential
            open(POST, "/api/v1/oauth/token"),
            memberRule(DELETE, "/api/v1/sessions/current", ANY_ROLE),
            rule(GET, "/api/v1/me", ANY_ROLE),

            // passkeys: logging in with one is a way in (open); a member's own passkeys are the member's business only
            open(POST, "/api/v1/passkeys/login-options"),
            open(POST, "/api/v1/passkeys/login"),
            memberRule(POST, "/api/v1/passkeys/registration-options", ANY_ROLE),
            memberRule(POST, "/api/v1/passkeys", ANY_ROLE),
            memberRule(GET, "/api/v1/passkeys", ANY_ROLE),
            memberRule(PATCH, "/api/v1/passkeys/{credentialId}", ANY_ROLE),
            memberRule(DELETE, "/api/v1/passkeys/{credentialId}", ANY_ROLE),

            // organisation administration
            rule(GET, "/api/v1/organisation/members", ORG_ADMIN, COMPLIANCE_OFFICER),
            rule(GET, "/api/v1/organisation/service-accounts", ORG_ADMIN, COMPLIANCE_OFFICER),
            rule(POST, "/api/v1/organisation/invitations", ORG_ADMIN),
            rule(PUT, "/api/v1/organisation/members/{memberId}/roles", ORG_ADMIN),
            rule(DELETE, "/api/v1/organisation/members/{memberId}", ORG_ADMIN),
            rule(POST, "/api/v1/organisation/service-accounts", ORG_ADMIN),
            rule(DELETE, "/api/v1/organisation/service-accounts/{serviceAccountId}", ORG_ADMIN),
            rule(POST, "/api/v1/organisation/service-accounts/{serviceAccountId}/keys", ORG_ADMIN),
            rule(DELETE, "/api/v1/organisation/service-accounts/{serviceAccountId}/keys/{keyId}", ORG_ADMIN),

            // wallets and their policy
            rule(POST, "/api/v1/wallets", ORG_ADMIN),
            rule(GET, "/api/v1/wallets", READERS),
            rule(GET, "/api/v1/wallets/{walletId}", READERS),
            rule(PATCH, "/api/v1/wallets/{walletId}", ORG_ADMIN),
            rule(GET, "/api/v1/wallets/{walletId}/events", READERS),
            rule(GET, "/api/v1/wallets/{walletId}/balances", READERS),
            rule(GET, "/api/v1/wallets/{walletId}/escrow-transactions", READERS),
            rule(PUT, "/api/v1/wallets/{walletId}/withdrawal-delay", ORG_ADMIN),
            rule(PUT, "/api/v1/wallets/{walletId}/limits/{token}", ORG_ADMIN),
            rule(PUT, "/api/v1/wallets/{walletId}/whitelist/{address}", ORG_ADMIN),
            rule(DELETE, "/api/v1/wallets/{walletId}/whitelist/{address}", ORG_ADMIN),
            rule(PUT, "/api/v1/wallets/{walletId}/contracts/{address}", ORG_ADMIN),
            rule(DELETE, "/api/v1/wallets/{walletId}/contracts/{address}", ORG_ADMIN),
            rule(PUT, "/api/v1/wallets/{walletId}/status", ORG_ADMIN),
            rule(PUT, "/api/v1/wallets/{walletId}/signers/{address}", ORG_ADMIN),
            rule(DELETE, "/api/v1/wallets/{walletId}/signers/{address}", ORG_ADMIN),
            rule(PUT, "/api/v1/wallets/{walletId}/threshold", ORG_ADMIN),
            rule(POST, "/api/v1/wallets/{walletId}/provisioning/retry", ORG_ADMIN),

            // policy changes (ADR identity-020): proposing grants nothing by itself; approving and cancelling carry a
            // wallet signer's signature (or, for a cancellation, an administrator's own act), so a person acts
            rule(GET, "/api/v1/wallets/{walletId}/policy-changes", READERS),
            rule(GET, "/api/v1/wallets/{walletId}/policy-changes/{changeId}", READERS),
            rule(GET, "/api/v1/wallets/{walletId}/policy-changes/{changeId}/signing-payload", READERS),
            rule(POST, "/api/v1/wallets/{walletId}/policy-changes", ORG_ADMIN, SIGNER),
            memberRule(POST, "/api/v1/wallets/{walletId}/policy-changes/{changeId}/approvals", SIGNER),
            memberRule(POST, "/api/v1/wallets/{walletId}/policy-changes/{changeId}/cancellation", SIGNER, ORG_ADMIN),
            memberRule(POST, "/api/v1/wallets/{walletId}/policy-changes/{changeId}/passkey-challenges", SIGNER),
            memberRule(POST, "/api/v1/wallets/{walletId}/policy-changes/{changeId}/passkey-approvals", SIGNER),
            memberRule(POST, "/api/v1/wallets/{walletId}/policy-changes/{changeId}/passkey-cancellations", SIGNER),

            // withdrawal proposals: reading, proposing, and voting (a person's own act, never a service account's)
            rule(GET, "/api/v1/wallets/{walletId}/proposals", READERS),
            rule(GET, "/api/v1/wallets/{walletId}/proposals/request-payload", READERS),
            rule(GET, "/api/v1/wallets/{walletId}/proposals/events", READERS),
            rule(GET, "/api/v1/wallets/{walletId}/proposals/{proposalId}", READERS),
            rule(GET, "/api/v1/wallets/{walletId}/proposals/{proposalId}/signing-payload", READERS),
            rule(POST, "/api/v1/wallets/{walletId}/proposals", SIGNER),
            rule(POST, "/api/v1/wallets/{walletId}/contract-calls", SIGNER),
            rule(GET, "/api/v1/escrow", READERS),
            rule(GET, "/api/v1/wallets/{walletId}/escrow/orders/{orderId}", READERS),
            rule(GET, "/api/v1/financing", READERS),
            rule(GET, "/api/v1/wallets/{walletId}/receivables/{tokenId}", READERS),
            memberRule(POST, "/api/v1/wallets/{walletId}/proposals/{proposalId}/approvals", SIGNER),
            memberRule(POST, "/api/v1/wallets/{walletId}/proposals/{proposalId}/rejections", SIGNER),
            memberRule(POST, "/api/v1/wallets/{walletId}/proposals/{proposalId}/passkey-challenges", SIGNER),
            memberRule(POST, "/api/v1/wallets/{walletId}/proposals/{proposalId}/passkey-approvals", SIGNER),
            memberRule(POST, "/api/v1/wallets/{walletId}/proposals/{proposalId}/passkey-rejections", SIGNER),

            // merchants and payment routing; a merchant's own API key may route and read its payments (ADR identity-030)
            rule(POST, "/api/v1/merchants", ORG_ADMIN),
            merchantRule(POST, "/api/v1/merchants/{merchantId}/payments", MerchantApiKeyScope.ROUTE_PAYMENTS,
                    ORG_ADMIN, SIGNER),
            merchantRule(GET, "/api/v1/merchants/{merchantId}/payments", MerchantApiKeyScope.READ_PAYMENTS, READERS),
            rule(POST, "/api/v1/merchants/{merchantId}/api-keys", ORG_ADMIN),
            rule(GET, "/api/v1/merchants/{merchantId}/api-keys", ORG_ADMIN),
            rule(DELETE, "/api/v1/merchants/{merchantId}/api-keys/{apiKeyId}", ORG_ADMIN),

            // audit log (issue 13): the log's checkpoints, consistency proofs and hash tiles hold no record content; records,
            // proofs and exports are the caller's own organisation's only (the controller answers 404 for another)
            rule(GET, "/api/v1/audit/log", COMPLIANCE_OFFICER, ORG_ADMIN),
            rule(GET, "/api/v1/audit/checkpoint", COMPLIANCE_OFFICER, ORG_ADMIN),
            rule(GET, "/api/v1/audit/checkpoints", COMPLIANCE_OFFICER, ORG_ADMIN),
            rule(GET, "/api/v1/audit/consistency-proof", COMPLIANCE_OFFICER, ORG_ADMIN),
            rule(GET, "/api/v1/audit/tile/**", COMPLIANCE_OFFICER, ORG_ADMIN),
            rule(GET, "/api/v1/audit/organisations/{organisation}/records", COMPLIANCE_OFFICER, ORG_ADMIN),
            rule(GET, "/api/v1/audit/organisations/{organisation}/records/{leafIndex}", COMPLIANCE_OFFICER, ORG_ADMIN),
            rule(GET, "/api/v1/audit/organisations/{organisation}/records/{leafIndex}/inclusion-proof",
                    COMPLIANCE_OFFICER, ORG_ADMIN),
            rule(GET, "/api/v1/audit/organisations/{organisation}/records/{leafIndex}/proof-bundle",
                    COMPLIANCE_OFFICER, ORG_ADMIN),
            rule(GET, "/api/v1/audit/organisations/{organisation}/export", COMPLIANCE_OFFICER, ORG_ADMIN),

            // the development faucet of the local chain the all-in-one starts (absent otherwise): test money only,
            // but still an administrator's act
            rule(POST, "/dev/fund", ORG_ADMIN));

    private ApiAccessRules() {
    }

    static Rule rule(HttpMethod method, String pattern, Role... roles) {
        return new Rule(method, pattern, roleSet(roles), false, false, null);
    }

    static Rule memberRule(HttpMethod method, String pattern, Role... roles) {
        return new Rule(method, pattern, roleSet(roles), true, false, null);
    }

    static Rule open(HttpMethod method, String pattern) {
        return new Rule(method, pattern, Set.of(), false, true, null);
    }

    /**
     * A route the roles may call and so may a merchant API key holding {@code scope}. It must name the merchant
     * ({@code {merchantId}}): a merchant key acts for one merchant only, and the handler of a route that names it
     * answers another merchant as a missing one.
     */
    static Rule merchantRule(HttpMethod method, String pattern, MerchantApiKeyScope scope, Role... roles) {
        if (!pattern.contains("{merchantId}")) {
            throw new IllegalArgumentException("a route open to merchant API keys names {merchantId}: " + pattern);
        }
        return new Rule(method, pattern, roleSet(roles), false, false, java.util.Objects.requireNonNull(scope));
    }

    private static Set<Role> roleSet(Role... roles) {
        if (roles.length == 0) throw new IllegalArgumentException("a rule names at least one role");
        return Set.copyOf(EnumSet.copyOf(List.of(roles)));
    }
}
