package io.custody.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes one of the member's passkeys; the last active one cannot be revoked without another in place. */
public record RevokePasskey(@TargetAggregateIdentifier MemberId member, String credentialId) {
}
