package io.custody.saga.deposit;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.DepositEvent;
import io.custody.chain.DepositWatch;
import io.custody.chain.evm.EvmAddresses;
import io.custody.saga.withdrawal.ExecutionChain;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Turns deposits the chain gateway's watch reports at the confirmation depth into {@code ConfirmDeposit} commands for
 * the wallet that owns the address (saga side: only sagas and their helpers send commands). The deposit id is the
 * transaction hash and log index, so a deposit seen again after a restart or a rescan is credited once (the
 * {@code Deposit} aggregate makes sure). The scan position is kept in PostgreSQL a safety margin behind the head, so
 * a restart resumes there and rescans a few blocks rather than missing one.
 */
public class DepositForwarder {

    private static final Logger log = LoggerFactory.getLogger(DepositForwarder.class);

    private final ExecutionChain chain;
    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final Duration every;
    private ScheduledExecutorService scheduler;
    private DepositWatch watch;
    private Map<String, WalletId> watched = Map.of();

    public DepositForwarder(ExecutionChain chain, JdbcTemplate jdbc, CommandGateway commands, Duration every) {
        this.chain = chain;
        this.jdbc = jdbc;
        this.commands = commands;
        this.every = every;
    }

    public void start() {
        if (chain == null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deposit-forwarder");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::pollSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.info("deposit scan failed, trying again: {}", e.toString());
            watch = null; // rebuild from the stored position
        }
    }

    synchronized void poll() {
        Map<String, WalletId> addresses = jdbc.query(
                        "SELECT address, wallet_id FROM deposit_watch_address WHERE chain_family = 'EVM'",
                        (rs, i) -> Map.entry(rs.getString(1).toLowerCase(Locale.ROOT),
                                new WalletId(rs.getObject(2, java.util.UUID.class))))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        if (addresses.isEmpty()) {
            return;
        }
        if (watch == null || !addresses.keySet().equals(watched.keySet())) {
            Set<ChainAddress> targets = new HashSet<>();
            addresses.keySet().forEach(a -> targets.add(EvmAddresses.parse(a)));
            Set<Asset> assets = new HashSet<>(chain.tokens().values());
            assets.add(Asset.nativeCoin());
            watch = chain.adapter().watchDeposits(targets, assets, position());
            watched = addresses;
        }
        List<DepositEvent> events = watch.poll();
        for (DepositEvent event : events) {
            if (event instanceof DepositEvent.Confirmed confirmed) {
                forward(confirmed);
            }
        }
        long head = chain.adapter().headBlock();
        long margin = 2L * chain.adapter().config().confirmations() + 10;
        jdbc.update("""
                        INSERT INTO deposit_watch_position (chain, next_block) VALUES (?, ?)
                        ON CONFLICT (chain) DO UPDATE SET next_block = GREATEST(deposit_watch_position.next_block,
                                                                               EXCLUDED.next_block)""",
                chain.adapter().chain().networkId(), Math.max(0, head - margin));
    }

    private long position() {
        List<Long> stored = jdbc.queryForList("SELECT next_block FROM deposit_watch_position WHERE chain = ?",
                Long.class, chain.adapter().chain().networkId());
        return stored.isEmpty() ? 0 : stored.get(0);
    }

    private void forward(DepositEvent.Confirmed confirmed) {
        var deposit = confirmed.deposit();
        WalletId wallet = watched.get(deposit.to().value().toLowerCase(Locale.ROOT));
        String symbol = chain.symbol(deposit.asset()).orElse(null);
        if (wallet == null || symbol == null || deposit.amount().baseUnits().signum() == 0) {
            return;
        }
        DepositId id = new DepositId("evm:" + deposit.tx().value() + ":" + deposit.logIndex());
        try {
            commands.sendAndWait(new ConfirmDeposit(wallet, id, new TokenId(symbol),
                    new io.custody.api.money.Amount(deposit.amount().baseUnits())));
            log.info("deposit {} of {} {} to wallet {} confirmed", id, deposit.amount().baseUnits(), symbol, wallet);
        } catch (RuntimeException e) {
            log.warn("deposit {} to wallet {} was not credited: {}", id, wallet, e.getMessage());
        }
    }
}
