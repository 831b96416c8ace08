package io.custody.command.web;

import io.custody.api.identity.InvitationId;
import io.custody.api.wallet.OrganisationId;

/**
 * The text of an enrolment token: {@code inv.<organisation>.<invitation id>.<secret>}. Organisation slugs, UUIDs and
 * base64url secrets never contain a dot, so the parts split unambiguously.
 */
public final class EnrolmentTokens {

    public static final String INVITATION = "inv";

    private EnrolmentTokens() {
    }

    public static String invitation(OrganisationId organisation, InvitationId invitation, String secret) {
        return INVITATION + "." + organisation + "." + invitation + "." + secret;
    }
}
