package io.custody.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives one of the member's passkeys a display name. */
public record RenamePasskey(@TargetAggregateIdentifier MemberId member, String credentialId, String name) {
}
