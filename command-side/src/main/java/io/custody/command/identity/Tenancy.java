package io.custody.command.identity;

import io.custody.api.wallet.OrganisationId;

/**
 * The tenant rule of every handler of a tenant's resource: a command sent on behalf of a caller of another
 * organisation is answered exactly as if the resource did not exist. Commands without a caller in their metadata come
 * from inside the application (sagas, the chain gateway), never from a request, and are not restricted.
 */
public final class Tenancy {

    private Tenancy() {
    }

    /** Whether a command whose caller acts in {@code callerOrganisation} (metadata, may be null) may see {@code owner}. */
    public static boolean visibleTo(String callerOrganisation, OrganisationId owner) {
        return callerOrganisation == null || owner != null && owner.value().equals(callerOrganisation);
    }
}
