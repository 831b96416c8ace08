package io.custody.infra.chain;

import io.custody.chain.Asset;
import io.custody.chain.ChainException;
import io.custody.chain.aptos.AptosAdapter;
import io.custody.chain.aptos.AptosChain;
import io.custody.chain.aptos.AptosRestClient;
import io.custody.chain.evm.EvmAdapter;
import io.custody.chain.evm.EvmAddresses;
import io.custody.chain.evm.EvmChain;
import io.custody.chain.rpc.BreakerPolicy;
import io.custody.chain.rpc.FailoverRpc;
import io.custody.chain.rpc.RetryPolicy;
import io.custody.chain.rpc.RpcEndpoint;
import io.custody.chain.rpc.RpcUnavailableException;
import io.custody.chain.rpc.WrongChainException;
import io.custody.chain.store.JdbcNonceStore;
import io.custody.chain.store.JdbcScanPositionStore;
import io.custody.chain.token.RegisteredToken;
import io.custody.chain.token.TokenRegistry;
import io.custody.mpc.client.MpcClient;
import io.custody.saga.deposit.DepositForwarder;
import io.custody.saga.withdrawal.AptosExecutionChain;
import io.custody.saga.withdrawal.Backoff;
import io.custody.saga.withdrawal.FeeReplacement;
import io.custody.saga.withdrawal.ExecutionChain;
import io.custody.saga.withdrawal.WithdrawalExecutor;
import io.custody.saga.withdrawal.WithdrawalJournal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import io.custody.infra.market.MarketContracts;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The EVM chain the sagas execute withdrawals on and watch deposits on. With {@code custody.chain.evm.rpc-urls} set,
 * that chain: failover across the URLs in order (each must answer {@code eth_chainId} with {@code chain-id} before it
 * is used), {@code confirmations}, the native coin's symbol ({@code native-symbol}, ETH) and the token registry under
 * {@code custody.chain.evm.tokens.<SYMBOL>.contract} and {@code .decimals}, checked against each contract at start.
 * Without it, the all-in-one default: a local Hardhat node with the test stablecoin (TUSD, 6 decimals) and an
 * 18-decimal test token (TT18), unless {@code custody.chain.local-node.enabled=false} or Node.js is missing, in which
 * case there is no chain and ready withdrawals wait in READY. Nonces and the deposit scan position live in PostgreSQL
 * (the gateway's JDBC stores, ADR chain-009).
 */
@Configuration(proxyBeanMethods = false)
public class ChainConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ChainConfiguration.class);

    /** The local node, when this application started one (null otherwise; Spring skips null beans' injection). */
    @Bean(destroyMethod = "close")
    LocalDevChainHolder localDevChain(Environment env) {
        if (!env.getProperty("custody.chain.evm.rpc-urls", "").isBlank()
                || !env.getProperty("custody.chain.local-node.enabled", Boolean.class, true)) {
            return new LocalDevChainHolder(null);
        }
        try {
            return new LocalDevChainHolder(LocalDevChain.start());
        } catch (RuntimeException e) {
            log.warn("no local EVM node (is Node.js installed and the contracts module built?): {}; withdrawals wait "
                    + "in READY until a chain is configured (custody.chain.evm.rpc-urls)", e.getMessage());
            return new LocalDevChainHolder(null);
        }
    }

    @Bean(destroyMethod = "close")
    ChainHolder executionChain(Environment env, LocalDevChainHolder local, DataSource dataSource) {
        String urls = env.getProperty("custody.chain.evm.rpc-urls", "");
        List<RpcEndpoint> endpoints = new ArrayList<>();
        EvmChain config;
        Map<String, TokenSetting> configured = new LinkedHashMap<>();
        if (!urls.isBlank()) {
            String[] list = urls.split(",");
            for (int i = 0; i < list.length; i++) {
                endpoints.add(RpcEndpoint.of("rpc-" + (i + 1), list[i].strip()));
            }
            long chainId = env.getRequiredProperty("custody.chain.evm.chain-id", Long.class);
            EvmChain base = switch ((int) chainId) {
                case 1 -> EvmChain.ETHEREUM;
                case 137 -> EvmChain.POLYGON;
                case 56 -> EvmChain.BSC;
                case 8453 -> EvmChain.BASE;
                default -> new EvmChain(env.getProperty("custody.chain.evm.name", "evm-" + chainId), chainId, 12,
                        BigInteger.TEN.pow(9).multiply(BigInteger.valueOf(500)),
                        BigInteger.TEN.pow(9).multiply(BigInteger.valueOf(20)), true);
            };
            config = base.withConfirmations(env.getProperty("custody.chain.evm.confirmations", Integer.class,
                    base.confirmations()));
            configured.putAll(tokenSettings(env));
        } else if (local.chain() != null) {
            endpoints.add(RpcEndpoint.of("local", local.chain().rpcUrl()));
            // one node, nothing to reorganise: a block is final when mined (a dev chain only mines on demand)
            config = EvmChain.LOCAL.withConfirmations(env.getProperty("custody.chain.evm.confirmations", Integer.class, 1));
            configured.put(LocalDevChain.STABLECOIN_SYMBOL,
                    new TokenSetting(local.chain().stablecoinAddress(), LocalDevChain.STABLECOIN_DECIMALS));
            configured.put(LocalDevChain.TOKEN18_SYMBOL,
                    new TokenSetting(local.chain().token18Address(), LocalDevChain.TOKEN18_DECIMALS));
        } else {
            return new ChainHolder(null, null);
        }
        FailoverRpc rpc = new FailoverRpc(endpoints, RetryPolicy.seedDefaults(), BreakerPolicy.defaults());
        // nonces reserved for journaled but unsent transfers survive a restart (ADR chain-009, exec-002); the adapter
        // pins the chain id, so no endpoint serves a call before it has said it is on this chain
        EvmAdapter adapter = new EvmAdapter(config, rpc, new JdbcNonceStore(dataSource));
        // a dropped endpoint is probed again in the background, so traffic returns to the primary once it recovers
        rpc.startHealthChecks(Duration.ofSeconds(env.getProperty("custody.chain.evm.health-check-seconds", Long.class,
                10L)));
        List<RegisteredToken> tokens = new ArrayList<>();
        tokens.add(RegisteredToken.nativeCoin(config.ref(), env.getProperty("custody.chain.evm.native-symbol", "ETH"),
                18));
        configured.forEach((symbol, setting) -> tokens.add(new RegisteredToken(config.ref(), symbol,
                new Asset.Token(EvmAddresses.parse(setting.contract())), setting.decimals())));
        TokenRegistry registry = new TokenRegistry(tokens);
        verify(adapter, registry);
        return new ChainHolder(new ExecutionChain(adapter, registry), rpc);
    }

    /** A token of {@code custody.chain.evm.tokens.<SYMBOL>}: its contract and its decimals on this chain. */
    record TokenSetting(String contract, int decimals) {
    }

    /**
     * {@code custody.chain.evm.tokens.<SYMBOL>.contract} and {@code .decimals} (required: decimals belong to the
     * chain, USDT has 6 on Ethereum and 18 on BNB Smart Chain).
     */
    static Map<String, TokenSetting> tokenSettings(Environment env) {
        // bound as flat keys "<SYMBOL>.contract" / "<SYMBOL>.decimals" (a map of scalars keeps nested names whole)
        Map<String, String> flat = Binder.get(env).bind("custody.chain.evm.tokens",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        Map<String, Map<String, String>> bySymbol = new LinkedHashMap<>();
        flat.forEach((key, value) -> {
            int dot = key.lastIndexOf('.');
            if (dot <= 0) {
                throw new IllegalStateException("custody.chain.evm.tokens." + key
                        + ": expected <SYMBOL>.contract and <SYMBOL>.decimals");
            }
            bySymbol.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>())
                    .put(key.substring(dot + 1).toLowerCase(java.util.Locale.ROOT), value);
        });
        Map<String, TokenSetting> out = new LinkedHashMap<>();
        bySymbol.forEach((symbol, fields) -> {
            String contract = fields.get("contract");
            String decimals = fields.get("decimals");
            if (contract == null || decimals == null || !decimals.matches("[0-9]{1,2}")) {
                throw new IllegalStateException("custody.chain.evm.tokens." + symbol
                        + " needs a contract address and its decimals (0-36) on this chain");
            }
            out.put(symbol, new TokenSetting(contract, Integer.parseInt(decimals)));
        });
        return out;
    }

    /**
     * Checks every registered token against the chain (the contract exists and reports the registered decimals):
     * a wrong entry would move amounts off by powers of ten, so the application refuses to start with one. When no
     * endpoint answers yet, the check is skipped with a warning rather than keeping the application down.
     */
    private static void verify(EvmAdapter adapter, TokenRegistry registry) {
        for (RegisteredToken token : registry.tokensOn(adapter.chain())) {
            try {
                adapter.verify(token);
            } catch (RpcUnavailableException | WrongChainException e) {
                log.warn("token {} not verified against the chain (no endpoint of chain {} answers): {}",
                        token.symbol(), adapter.config().chainId(), e.getMessage());
            } catch (ChainException e) {
                if (e.code() == ChainException.Code.RPC_UNAVAILABLE) {
                    log.warn("token {} not verified against the chain: {}", token.symbol(), e.getMessage());
                } else {
                    throw new IllegalStateException("token registry entry refused: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * The market contracts: {@code custody.chain.evm.contracts.escrow} and {@code .financing} on a configured chain,
     * the ones deployed on the local node otherwise; none without a chain.
     */
    @Bean
    MarketContracts marketContracts(Environment env, LocalDevChainHolder local) {
        return new MarketContracts(
                contract(env, MarketContracts.ESCROW_SETTING, local.chain() == null ? null : local.chain().escrowAddress()),
                contract(env, MarketContracts.FINANCING_SETTING,
                        local.chain() == null ? null : local.chain().financingAddress()));
    }

    private static String contract(Environment env, String setting, String local) {
        String configured = env.getProperty(setting, "");
        return configured.isBlank() ? local : EvmAddresses.parse(configured.strip()).value();
    }

    @Bean
    WithdrawalJournal withdrawalJournal(JdbcTemplate jdbc) {
        return new WithdrawalJournal(jdbc);
    }

    @Bean(destroyMethod = "shutdownNow")
    java.util.concurrent.ExecutorService withdrawalRuns(Environment env) {
        return Executors.newFixedThreadPool(env.getProperty("custody.execution.threads", Integer.class, 4), r -> {
            Thread t = new Thread(r, "withdrawal-execution");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The Aptos network withdrawals and deposits of Aptos wallets go through, when {@code custody.chain.aptos.rest-urls}
     * is set (ADR exec-004): failover across the node URLs (each up to and including {@code /v1}) in order, each
     * checked to be on {@code chain-id} before it serves a request; the gas budget per transfer
     * ({@code max-gas-amount}), how long a signed transaction stays valid ({@code expiry-seconds}), the native coin's
     * symbol ({@code native-symbol}, APT, 8 decimals) and other coins under
     * {@code custody.chain.aptos.tokens.<SYMBOL>.coin-type} and {@code .decimals}. Sequence numbers live in
     * PostgreSQL like EVM nonces. Aptos commits with BFT finality, so a committed transaction or deposit is final at
     * once: there is no confirmation depth to configure.
     */
    @Bean
    AptosChainHolder aptosChain(Environment env, DataSource dataSource) {
        String urls = env.getProperty("custody.chain.aptos.rest-urls", "");
        if (urls.isBlank()) {
            return new AptosChainHolder(null);
        }
        List<RpcEndpoint> endpoints = new ArrayList<>();
        String[] list = urls.split(",");
        for (int i = 0; i < list.length; i++) {
            endpoints.add(RpcEndpoint.of("aptos-" + (i + 1), list[i].strip()));
        }
        int chainId = env.getRequiredProperty("custody.chain.aptos.chain-id", Integer.class);
        AptosChain network = new AptosChain(env.getProperty("custody.chain.aptos.name", "aptos-" + chainId), chainId,
                env.getProperty("custody.chain.aptos.max-gas-amount", Long.class, 2000L),
                Duration.ofSeconds(env.getProperty("custody.chain.aptos.expiry-seconds", Long.class, 600L)));
        AptosRestClient rest = new AptosRestClient(endpoints, RetryPolicy.seedDefaults(), BreakerPolicy.defaults(),
                AptosRestClient.DEFAULT_REQUEST_TIMEOUT);
        AptosAdapter adapter = new AptosAdapter(network, rest, Clock.systemUTC(), new JdbcNonceStore(dataSource));
        List<RegisteredToken> tokens = new ArrayList<>();
        tokens.add(RegisteredToken.nativeCoin(network.ref(), env.getProperty("custody.chain.aptos.native-symbol", "APT"),
                8));
        aptosCoinSettings(env).forEach((symbol, setting) -> tokens.add(new RegisteredToken(network.ref(), symbol,
                new Asset.CoinType(setting.contract()), setting.decimals())));
        return new AptosChainHolder(new AptosExecutionChain(network, adapter, rest, new TokenRegistry(tokens)));
    }

    /** {@code custody.chain.aptos.tokens.<SYMBOL>.coin-type} and {@code .decimals}: coins besides APT. */
    static Map<String, TokenSetting> aptosCoinSettings(Environment env) {
        Map<String, String> flat = Binder.get(env).bind("custody.chain.aptos.tokens",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        Map<String, Map<String, String>> bySymbol = new LinkedHashMap<>();
        flat.forEach((key, value) -> {
            int dot = key.lastIndexOf('.');
            if (dot <= 0) {
                throw new IllegalStateException("custody.chain.aptos.tokens." + key
                        + ": expected <SYMBOL>.coin-type and <SYMBOL>.decimals");
            }
            bySymbol.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>())
                    .put(key.substring(dot + 1).toLowerCase(java.util.Locale.ROOT), value);
        });
        Map<String, TokenSetting> out = new LinkedHashMap<>();
        bySymbol.forEach((symbol, fields) -> {
            String coinType = fields.get("coin-type");
            String decimals = fields.get("decimals");
            if (coinType == null || !coinType.matches("0x[0-9a-fA-F]{1,64}::[A-Za-z_][A-Za-z0-9_]*::.+")
                    || decimals == null || !decimals.matches("[0-9]{1,2}")) {
                throw new IllegalStateException("custody.chain.aptos.tokens." + symbol
                        + " needs a Move coin type (0x...::module::Name) and its decimals");
            }
            out.put(symbol, new TokenSetting(coinType, Integer.parseInt(decimals)));
        });
        return out;
    }

    /** Absent (null) when there is no chain; the execution saga then leaves ready withdrawals in READY. */
    @Bean
    WithdrawalExecutor withdrawalExecutor(ChainHolder chain, AptosChainHolder aptos, MpcClient mpc,
                                          WithdrawalJournal journal, CommandGateway commands,
                                          java.util.concurrent.ExecutorService withdrawalRuns, Environment env) {
        if (chain.chain() == null && aptos.chain() == null) {
            return null;
        }
        WithdrawalExecutor executor = new WithdrawalExecutor(chain.chain(), mpc, journal, commands, withdrawalRuns,
                Backoff.DEFAULT, Duration.ofSeconds(env.getProperty("custody.execution.confirmation-wait-seconds",
                Long.class, 120L)), new FeeReplacement(
                Duration.parse(env.getProperty("custody.execution.replace-after",
                        FeeReplacement.DEFAULT.after().toString())),
                env.getProperty("custody.execution.max-versions", Integer.class,
                        FeeReplacement.DEFAULT.maxVersions())));
        if (aptos.chain() != null) {
            executor.withAptos(aptos.chain());
        }
        if (env.getProperty("custody.execution.fault.halt-after-broadcast", Boolean.class, false)) {
            // Fault injection for the crash tests only: the JVM dies like a kill -9 once the chain knows the
            // transaction, before its confirmation is awaited and the proposal completed.
            log.warn("fault injection on: the JVM halts after broadcasting a withdrawal, before confirming it");
            executor.afterBroadcast(() -> Runtime.getRuntime().halt(137));
        }
        if (env.getProperty("custody.execution.fault.halt-before-broadcast", Boolean.class, false)) {
            // Fault injection for the crash tests only: the JVM dies like a kill -9 right after the signed bytes are
            // journaled and before anything is sent, the moment the journal exists for.
            log.warn("fault injection on: the JVM halts after journaling a signed withdrawal, before broadcasting it");
            executor.beforeBroadcast(() -> Runtime.getRuntime().halt(137));
        }
        return executor;
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    DepositForwarder depositForwarder(ChainHolder chain, JdbcTemplate jdbc, DataSource dataSource,
                                      CommandGateway commands, Environment env) {
        return new DepositForwarder(chain.chain(), jdbc, new JdbcScanPositionStore(dataSource), commands,
                Duration.ofMillis(env.getProperty("custody.deposits.poll-millis", Long.class, 1000L)));
    }

    /** The forwarder of Aptos wallets' deposits; idle without an Aptos chain. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    DepositForwarder aptosDepositForwarder(AptosChainHolder aptos, JdbcTemplate jdbc, DataSource dataSource,
                                           CommandGateway commands, Environment env) {
        return new DepositForwarder(aptos.chain(), jdbc, new JdbcScanPositionStore(dataSource), commands,
                Duration.ofMillis(env.getProperty("custody.deposits.poll-millis", Long.class, 1000L)));
    }

    /** The Aptos network, if one is configured. */
    public record AptosChainHolder(AptosExecutionChain chain) {
    }

    /** The local node started by this application, if any. */
    public record LocalDevChainHolder(LocalDevChain chain) implements AutoCloseable {
        @Override
        public void close() {
            if (chain != null) {
                chain.close();
            }
        }
    }

    /** The execution chain, if any, with the RPC client to close. */
    public record ChainHolder(ExecutionChain chain, FailoverRpc rpc) implements AutoCloseable {
        @Override
        public void close() {
            if (rpc != null) {
                rpc.close();
            }
        }
    }
}
