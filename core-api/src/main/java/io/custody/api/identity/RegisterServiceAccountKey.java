package io.custody.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a public key with which the service account signs JWT assertions (RFC 7523) that it exchanges for access
 * tokens. The web layer has checked and canonicalised the key ({@code publicKeyJwk}: the RFC 7638 members only) and
 * computed its id, the key's RFC 7638 thumbprint.
 *
 * @param algorithm {@code ES256} (P-256) or {@code EdDSA} (Ed25519)
 */
public record RegisterServiceAccountKey(@TargetAggregateIdentifier ServiceAccountId serviceAccount, String keyId,
                                        String algorithm, String publicKeyJwk) {
}
