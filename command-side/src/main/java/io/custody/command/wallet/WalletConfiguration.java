package io.custody.command.wallet;

import java.time.Duration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring wiring of the wallet's collaborators: the length of a delay "hour", the accounts the proposal and deposit
 * handlers reach the wallet through, and when the wallet and proposal aggregates are snapshotted.
 */
@Configuration(proxyBeanMethods = false)
class WalletConfiguration {

    @Bean
    DelayUnit withdrawalDelayUnit(@Value("${custody.withdrawal-delay.unit:PT1H}") Duration unit) {
        return new DelayUnit(unit);
    }

    /** Looked up lazily: Axon builds the repository after the beans its handlers take as parameters. */
    @Bean
    WalletAccounts walletAccounts(ObjectProvider<Repository<CustodyWallet>> wallets) {
        return new WalletAccounts(wallets::getObject);
    }

    /**
     * A wallet lives for years and every proposal, settlement and deposit adds to its stream; loading it replays only
     * the events after its latest snapshot, so a command costs the same on the ten-thousandth proposal as on the first.
     */
    @Bean
    SnapshotTriggerDefinition walletSnapshotTrigger(Snapshotter snapshotter,
                                                    @Value("${custody.snapshots.wallet-every:50}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    /** A proposal's stream is short (one event per vote and transition); large signer sets still benefit. */
    @Bean
    SnapshotTriggerDefinition proposalSnapshotTrigger(Snapshotter snapshotter,
                                                      @Value("${custody.snapshots.proposal-every:25}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }
}
