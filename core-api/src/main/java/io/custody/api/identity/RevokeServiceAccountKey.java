package io.custody.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes one of a service account's assertion keys; access tokens obtained with it stop working at once. */
public record RevokeServiceAccountKey(@TargetAggregateIdentifier ServiceAccountId serviceAccount, String keyId) {
}
