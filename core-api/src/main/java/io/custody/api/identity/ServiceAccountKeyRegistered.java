package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A service account may authenticate with JWT assertions signed by this key.
 *
 * @param keyId        the key's RFC 7638 JWK thumbprint (SHA-256, base64url), which assertions name as {@code kid}
 * @param algorithm    {@code ES256} or {@code EdDSA}: the only algorithm accepted with this key
 * @param publicKeyJwk the public key as a JSON Web Key holding only its RFC 7638 members
 */
@Revision("1")
public record ServiceAccountKeyRegistered(ServiceAccountId serviceAccount, OrganisationId organisation, String keyId,
                                          String algorithm, String publicKeyJwk, Instant registeredAt) {
}
