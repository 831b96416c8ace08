package io.custody.api.wallet;

/**
 * Asks for one page of wallets, newest first, optionally of one organisation.
 *
 * @param organisation only this organisation's wallets, or {@code null} for all
 * @param page         zero-based page number
 * @param size         page size, 1 to {@link #MAX_SIZE}
 */
public record ListCustodyWallets(OrganisationId organisation, int page, int size) {

    public static final int MAX_SIZE = 100;

    public ListCustodyWallets {
        if (page < 0) throw new IllegalArgumentException("page must not be negative");
        if (size < 1 || size > MAX_SIZE) throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
    }
}
