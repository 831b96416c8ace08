package io.custody.api.identity;

import io.custody.api.wallet.OrganisationId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A member left the organisation. */
@Revision("1")
public record MemberRemoved(OrganisationId organisation, MemberId member, Instant removedAt) {
}
