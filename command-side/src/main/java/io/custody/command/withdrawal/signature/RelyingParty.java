package io.custody.command.withdrawal.signature;

import java.util.Objects;
import java.util.Set;

/**
 * The WebAuthn relying party this installation is: its RP id (a registrable domain, e.g. {@code custody.example}) and
 * the origins its pages are served from ({@code custody.identity.passkey.rp-id}, {@code ...origins}). An assertion
 * made for another RP id or in a page of another origin is never accepted.
 */
public record RelyingParty(String rpId, Set<String> origins) {

    public RelyingParty {
        Objects.requireNonNull(rpId, "rpId");
        if (rpId.isBlank()) throw new IllegalArgumentException("the RP id must not be blank");
        origins = Set.copyOf(origins);
        if (origins.isEmpty()) throw new IllegalArgumentException("at least one allowed origin is needed");
    }
}
