package io.custody.command.payment;

import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.WalletId;
import io.custody.command.wallet.CustodyWallet;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Answers {@link CustodyWallets} by loading the {@link CustodyWallet} aggregate through Axon's repository, in the unit
 * of work of the command that asks. A wallet that was never created has no events and is not found. Loading also
 * locks the wallet until the merchant's command is done, which is harmless: nothing holds a merchant and then waits
 * for a wallet the other way round.
 */
@Component
class EventSourcedCustodyWallets implements CustodyWallets {

    private final Repository<CustodyWallet> custodyWalletRepository;

    /** Lazy: the repository is built by Axon's configuration, which itself looks up command handlers' beans. */
    EventSourcedCustodyWallets(@Lazy @Qualifier("custodyWalletRepository") Repository<CustodyWallet> custodyWalletRepository) {
        this.custodyWalletRepository = custodyWalletRepository;
    }

    @Override
    public boolean existsIn(WalletId id, OrganisationId owner) {
        try {
            OrganisationId actual = custodyWalletRepository.load(id.toString()).invoke(CustodyWallet::organisation);
            return owner == null || owner.equals(actual);
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }

    @Override
    public boolean exists(WalletId id) {
        try {
            custodyWalletRepository.load(id.toString());
            return true;
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }
}
