package io.custody.saga.deposit;

import io.custody.api.wallet.CustodyWalletActivated;
import io.custody.api.wallet.CustodyWalletCreated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The addresses the deposit watch looks at: every activated wallet's, with its wallet id, kept by the saga side for
 * itself ({@code deposit_watch_address}) so that the deposit forwarder never reads a read model.
 */
@Component
@ProcessingGroup(WalletAddressBook.PROCESSOR)
public class WalletAddressBook {

    public static final String PROCESSOR = "deposit-watch-addresses";

    private final JdbcTemplate jdbc;

    public WalletAddressBook(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CustodyWalletCreated event) {
        jdbc.update("""
                INSERT INTO deposit_watch_wallet (wallet_id, chain_family) VALUES (?, ?)
                ON CONFLICT (wallet_id) DO NOTHING""", event.walletId().value(), event.chainFamily().name());
    }

    @EventHandler
    void on(CustodyWalletActivated event) {
        jdbc.update("""
                INSERT INTO deposit_watch_address (address, wallet_id, chain_family)
                SELECT ?, wallet_id, chain_family FROM deposit_watch_wallet WHERE wallet_id = ?
                ON CONFLICT (address) DO NOTHING""", event.address(), event.walletId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM deposit_watch_address");
        jdbc.update("DELETE FROM deposit_watch_wallet");
    }
}
