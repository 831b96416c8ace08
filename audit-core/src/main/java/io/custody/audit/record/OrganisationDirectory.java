package io.custody.audit.record;

import java.util.Optional;

/**
 * The organisation a custody wallet belongs to, as the records built so far say: most events do not name it, and the
 * record of the wallet's creation, always built before them, does. The projection asks its own table; the replay
 * tool keeps the answers of the records it has rebuilt.
 */
@FunctionalInterface
public interface OrganisationDirectory {

    Optional<String> organisationOf(String walletId);
}
