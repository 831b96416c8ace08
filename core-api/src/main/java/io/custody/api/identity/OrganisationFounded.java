package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An organisation exists; {@code firstAdmin} is its first member, with the role {@link Role#ORG_ADMIN}. */
@Revision("1")
public record OrganisationFounded(OrganisationId organisation, String name, MemberId firstAdmin, String adminName,
                                  Instant foundedAt) {
}
