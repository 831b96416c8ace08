package io.custody.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes an API client; its token stops working at once. Revoking twice is harmless. */
public record RevokeServiceAccount(@TargetAggregateIdentifier ServiceAccountId serviceAccount) {
}
