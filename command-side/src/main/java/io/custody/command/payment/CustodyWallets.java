package io.custody.command.payment;

import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.WalletId;

/**
 * The custody wallets a merchant may name, as the command side knows them: from the wallets' own event streams,
 * never from a projection. A port, so the {@code Merchant} rules are tested without an event store.
 */
@FunctionalInterface
public interface CustodyWallets {

    /** True when a custody wallet with this id has been created. Called inside a command's unit of work. */
    boolean exists(WalletId id);

    /** True when the wallet exists and belongs to {@code owner}; {@code owner == null} asks for existence only. */
    default boolean existsIn(WalletId id, OrganisationId owner) {
        return exists(id);
    }
}
