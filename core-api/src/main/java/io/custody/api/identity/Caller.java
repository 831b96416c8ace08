package io.custody.api.identity;

import io.custody.api.error.Reason;
import io.custody.api.error.RejectedException;
import io.custody.api.error.Rejection;
import io.custody.api.wallet.OrganisationId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticated party a request is made on behalf of, as the security layer established it. The organisation of
 * every command and query is this one's, never one named in a request body.
 *
 * @param organisation the tenant the caller acts in
 * @param subject      the member or service account id, or for a merchant API key the merchant id
 * @param kind         person or API client
 * @param roles        the caller's roles in {@code organisation}, as of this request
 * @param credential   what authenticated the caller: a passkey credential id, a service account token id, a merchant
 *                     API key id ({@code merchant-api-key:<keyId>}), an enrolment
 * @param session      the session id (a member's login), or {@code null} for a service account token
 * @param ip           the client's IP address as the server saw it
 * @param userAgent    the client's {@code User-Agent}, or {@code null}
 */
public record Caller(OrganisationId organisation, String subject, CallerKind kind, Set<Role> roles, String credential,
                     String session, String ip, String userAgent) {

    /** Exchange attribute under which the web layer finds the caller of a request. */
    public static final String EXCHANGE_ATTRIBUTE = "io.custody.caller";

    /** Keys of the caller in the metadata of every command, copied into the metadata of the events it causes. */
    public static final String ORGANISATION = "organisation";
    public static final String SUBJECT = "callerId";
    public static final String KIND = "callerKind";
    public static final String CREDENTIAL = "credentialId";
    public static final String SESSION = "sessionId";
    public static final String IP = "clientIp";
    public static final String USER_AGENT = "userAgent";
    public static final Set<String> METADATA_KEYS = Set.of(ORGANISATION, SUBJECT, KIND, CREDENTIAL, SESSION, IP,
            USER_AGENT);

    public Caller {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /**
     * The caller the security layer put into a request's attributes (a web exchange's attribute map). Every route
     * that reaches a controller has one unless it is public; asking for it on a public route is a programming error,
     * answered {@code 401} rather than acting for nobody.
     */
    public static Caller of(Map<String, Object> requestAttributes) {
        if (requestAttributes.get(EXCHANGE_ATTRIBUTE) instanceof Caller caller) {
            return caller;
        }
        throw new RejectedException(new Rejection(Reason.CREDENTIALS_REQUIRED, "Authentication is required", Map.of()));
    }

    public boolean hasAnyRole(Collection<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** The caller as command metadata; absent values are left out. */
    public Map<String, String> metaData() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ORGANISATION, organisation.value());
        values.put(SUBJECT, subject);
        values.put(KIND, kind.name());
        if (credential != null) values.put(CREDENTIAL, credential);
        if (session != null) values.put(SESSION, session);
        if (ip != null) values.put(IP, ip);
        if (userAgent != null) values.put(USER_AGENT, userAgent);
        return values;
    }
}
