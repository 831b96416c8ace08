package io.custody.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a verified assertion of a passkey, with the signature counter and backup state it reported. */
public record RecordPasskeyUse(@TargetAggregateIdentifier MemberId member, String credentialId,
                               long signatureCount, boolean backedUp) {
}
