package io.custody.saga.deposit;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.deposit.RecordIncomingDeposit;
import io.custody.api.deposit.RetractDeposit;
import io.custody.api.error.CommandRejectedException;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.chain.ChainAddress;
import io.custody.chain.Deposit;
import io.custody.chain.DepositEvent;
import io.custody.chain.DepositWatch;
import io.custody.api.wallet.ChainFamily;
import io.custody.chain.ChainRef;
import io.custody.chain.aptos.AptosAddress;
import io.custody.chain.evm.EvmAddresses;
import io.custody.saga.withdrawal.AptosExecutionChain;
import io.custody.chain.store.ScanPositionStore;
import io.custody.chain.store.ScanPositionStore.ScanPosition;
import io.custody.saga.withdrawal.ExecutionChain;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Turns what the chain gateway's deposit watch reports into commands for the wallet that owns the address (saga
 * side: only sagas and their helpers send commands): a deposit below the confirmation depth is recorded as pending
 * incoming ({@link RecordIncomingDeposit}), one at the depth is confirmed ({@link ConfirmDeposit}), and one whose
 * block left the chain is retracted ({@link RetractDeposit}: a credit is reversed). The deposit id is
 * {@code evm:<transaction hash>:<log index>} ({@code aptos:} for Aptos wallets), so a deposit reported again after a restart or a rescan changes nothing
 * (the {@code Deposit} aggregate makes sure).
 *
 * <p>The watch keeps its place in PostgreSQL through the gateway's {@link ScanPositionStore} (ADR chain-009): next
 * block, recent block hashes (a reorganisation that happened while the application was down is still noticed) and
 * the deposits it reported. A poll's position is stored only after its events were all handled, so a crash repeats
 * them rather than losing one. When the set of watched addresses grows, the stored position is moved back by a
 * margin, so a new wallet's first deposits in the blocks just scanned without its address are found.
 */
public class DepositForwarder {

    private static final Logger log = LoggerFactory.getLogger(DepositForwarder.class);

    private final Source chain;
    private final JdbcTemplate jdbc;
    private final ScanPositionStore positions;
    private final CommandGateway commands;
    private final Duration every;
    private final String watchId;
    private ScheduledExecutorService scheduler;
    private DepositWatch watch;
    private Map<String, WalletId> watched = Map.of();
    private boolean startPositionStored;

    public DepositForwarder(ExecutionChain chain, JdbcTemplate jdbc, ScanPositionStore positions,
                            CommandGateway commands, Duration every) {
        this(chain == null ? null : Source.evm(chain), jdbc, positions, commands, every);
    }

    /** The forwarder of the deposits of Aptos wallets on {@code chain} (none when it is {@code null}). */
    public DepositForwarder(AptosExecutionChain chain, JdbcTemplate jdbc, ScanPositionStore positions,
                            CommandGateway commands, Duration every) {
        this(chain == null ? null : Source.aptos(chain), jdbc, positions, commands, every);
    }

    private DepositForwarder(Source chain, JdbcTemplate jdbc, ScanPositionStore positions, CommandGateway commands,
                             Duration every) {
        this.chain = chain;
        this.jdbc = jdbc;
        this.positions = positions;
        this.commands = commands;
        this.every = every;
        this.watchId = chain == null ? null : watchId(chain.ref());
    }

    /** The id under which the watch of this chain keeps its position. */
    public static String watchId(ExecutionChain chain) {
        return watchId(chain.adapter().chain());
    }

    private static String watchId(ChainRef ref) {
        return "deposits/" + ref.family() + "/" + ref.networkId();
    }

    /**
     * What the forwarder needs of a chain family: its wallets' family, how addresses are read, the head block, how
     * far back a grown watch rescans, and the gateway's watch (with its position in the store).
     */
    private interface Source {
        ChainRef ref();

        ChainFamily family();

        ChainAddress parse(String address);

        long head();

        long margin();

        DepositWatch watch(String watchId, Set<ChainAddress> targets, ScanPositionStore positions);

        Optional<String> symbol(io.custody.chain.Asset asset);

        static Source evm(ExecutionChain chain) {
            return new Source() {
                public ChainRef ref() {
                    return chain.adapter().chain();
                }

                public ChainFamily family() {
                    return ChainFamily.EVM;
                }

                public ChainAddress parse(String address) {
                    return EvmAddresses.parse(address);
                }

                public long head() {
                    return chain.adapter().headBlock();
                }

                public long margin() {
                    return 2L * chain.adapter().config().confirmations() + 10;
                }

                public DepositWatch watch(String watchId, Set<ChainAddress> targets, ScanPositionStore positions) {
                    return chain.adapter().watchDeposits(watchId, targets, chain.assets(), 0, positions);
                }

                public Optional<String> symbol(io.custody.chain.Asset asset) {
                    return chain.symbol(asset);
                }
            };
        }

        static Source aptos(AptosExecutionChain chain) {
            return new Source() {
                public ChainRef ref() {
                    return chain.adapter().chain();
                }

                public ChainFamily family() {
                    return ChainFamily.APTOS;
                }

                public ChainAddress parse(String address) {
                    return AptosAddress.parse(address.toLowerCase(Locale.ROOT)).toChainAddress();
                }

                public long head() {
                    return chain.rest().ledgerInfo().path("block_height").asLong();
                }

                /** Aptos makes several blocks a second and never reorganises: a few minutes' worth of blocks. */
                public long margin() {
                    return 1000;
                }

                public DepositWatch watch(String watchId, Set<ChainAddress> targets, ScanPositionStore positions) {
                    return chain.adapter().watchDeposits(watchId, targets, chain.assets(), 0, positions);
                }

                public Optional<String> symbol(io.custody.chain.Asset asset) {
                    return chain.symbol(asset);
                }
            };
        }
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
            log.warn("deposit scan failed, trying again from the stored position: {}", e.toString());
            watch = null; // rebuilt from the stored position: this poll's events come again
        }
    }

    /** Blocks rescanned when the watched set grows: deposits to a new address in them are found. */
    private long margin() {
        return chain.margin();
    }

    synchronized void poll() {
        Map<String, WalletId> addresses = jdbc.query(
                        "SELECT address, wallet_id FROM deposit_watch_address WHERE chain_family = ?",
                        (rs, i) -> Map.entry(rs.getString(1).toLowerCase(Locale.ROOT),
                                new WalletId(rs.getObject(2, UUID.class))), chain.family().name())
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        if (addresses.isEmpty()) {
            // nothing to watch yet: a new installation starts its position a margin behind the head, so the first
            // wallet does not start a scan from genesis (an address receives nothing before its wallet exists)
            if (!startPositionStored) {
                if (positions.load(watchId).isEmpty()) {
                    long head = chain.head();
                    positions.save(watchId, new ScanPosition(Math.max(0, head - margin()), new TreeMap<>(), List.of()));
                }
                startPositionStored = true;
            }
            return;
        }
        boolean changed = !addresses.keySet().equals(watched.keySet());
        if (watch == null || changed) {
            // (each successful poll ended with a checkpoint; after a failed one the stored position is the poll
            // before it, whose events are then reported again)
            if (changed) {
                rewind();
            }
            Set<ChainAddress> targets = new HashSet<>();
            addresses.keySet().forEach(a -> targets.add(chain.parse(a)));
            watch = chain.watch(watchId, targets, positions);
            watched = addresses;
        }
        List<DepositEvent> events = watch.poll();
        Set<String> confirmedNow = events.stream().filter(e -> e instanceof DepositEvent.Confirmed)
                .map(e -> key(e.deposit())).collect(Collectors.toSet());
        for (DepositEvent event : events) {
            if (event instanceof DepositEvent.Seen seen && !confirmedNow.contains(key(seen.deposit()))) {
                forward(seen.deposit(), (wallet, id, token, amount) ->
                        new RecordIncomingDeposit(wallet, id, token, amount));
            } else if (event instanceof DepositEvent.Confirmed confirmed) {
                forward(confirmed.deposit(), ConfirmDeposit::new);
            } else if (event instanceof DepositEvent.Retracted retracted) {
                forward(retracted.deposit(), (wallet, id, token, amount) -> new RetractDeposit(wallet, id,
                        "block " + retracted.deposit().blockHash() + " (height " + retracted.deposit().blockNumber()
                                + ") left the canonical chain"));
            }
        }
        // every event of this poll was handled: its position may be stored
        watch.checkpoint();
    }

    /**
     * Moves the stored position back by the margin (keeping the recorded hashes and reported deposits), so the next
     * watch rescans the latest blocks with the new set of addresses. A first watch without a stored position starts
     * a margin behind the head.
     */
    private void rewind() {
        Optional<ScanPosition> stored = positions.load(watchId);
        ScanPosition rewound = stored
                .map(p -> new ScanPosition(Math.max(0, p.nextBlock() - margin()), p.blockHashes(), p.deposits()))
                .orElseGet(() -> new ScanPosition(Math.max(0, chain.head() - margin()), new TreeMap<>(),
                        List.of()));
        positions.save(watchId, rewound);
    }

    private static String key(Deposit deposit) {
        return deposit.tx().value() + "#" + deposit.logIndex();
    }

    /** Builds a deposit command for the wallet, deposit id, token symbol and amount. */
    private interface CommandFor {
        Object of(WalletId wallet, DepositId id, TokenId token, Amount amount);
    }

    private void forward(Deposit deposit, CommandFor command) {
        WalletId wallet = watched.get(deposit.to().value().toLowerCase(Locale.ROOT));
        String symbol = chain.symbol(deposit.asset()).orElse(null);
        if (wallet == null || symbol == null || deposit.amount().baseUnits().signum() == 0) {
            return;
        }
        DepositId id = new DepositId(chain.family().name().toLowerCase(Locale.ROOT) + ":" + deposit.tx().value() + ":"
                + deposit.logIndex());
        Object sent = command.of(wallet, id, new TokenId(symbol), new Amount(deposit.amount().baseUnits()));
        try {
            commands.sendAndWait(sent);
            log.info("{}: deposit {} of {} {} to wallet {}", sent.getClass().getSimpleName(), id,
                    deposit.amount().baseUnits(), symbol, wallet);
        } catch (RuntimeException e) {
            if (isRejection(e)) {
                // the wallet refused it for good (e.g. the same id with other content): repeating would not help
                log.warn("{} for deposit {} to wallet {} was refused: {}", sent.getClass().getSimpleName(), id, wallet,
                        e.getMessage());
                return;
            }
            throw e; // transient: the whole poll is repeated from the stored position
        }
    }

    private static boolean isRejection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CommandRejectedException) {
                return true;
            }
            if (t instanceof org.axonframework.commandhandling.CommandExecutionException c
                    && c.getDetails().filter(d -> d instanceof io.custody.api.error.Rejection).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
