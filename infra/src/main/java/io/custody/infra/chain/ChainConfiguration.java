package io.custody.infra.chain;

import io.custody.chain.Asset;
import io.custody.chain.evm.EvmAdapter;
import io.custody.chain.evm.EvmAddresses;
import io.custody.chain.evm.EvmChain;
import io.custody.chain.rpc.BreakerPolicy;
import io.custody.chain.rpc.FailoverRpc;
import io.custody.chain.rpc.RetryPolicy;
import io.custody.chain.rpc.RpcEndpoint;
import io.custody.mpc.client.MpcClient;
import io.custody.saga.deposit.DepositForwarder;
import io.custody.saga.withdrawal.Backoff;
import io.custody.saga.withdrawal.ExecutionChain;
import io.custody.saga.withdrawal.WithdrawalExecutor;
import io.custody.saga.withdrawal.WithdrawalJournal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The EVM chain the sagas execute withdrawals on and watch deposits on. With {@code custody.chain.evm.rpc-urls} set,
 * that chain (failover across the URLs, {@code chain-id}, {@code confirmations}, tokens by symbol under
 * {@code custody.chain.evm.tokens.<SYMBOL>=<contract>}). Without it, the all-in-one default: a local Hardhat node with
 * the test stablecoin (symbol TUSD), unless {@code custody.chain.local-node.enabled=false} or Node.js is missing, in
 * which case there is no chain and ready withdrawals wait in READY.
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
    ChainHolder executionChain(Environment env, LocalDevChainHolder local) {
        String urls = env.getProperty("custody.chain.evm.rpc-urls", "");
        Map<String, Asset> tokens = new LinkedHashMap<>();
        List<RpcEndpoint> endpoints = new ArrayList<>();
        EvmChain config;
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
            Binder.get(env).bind("custody.chain.evm.tokens", Bindable.mapOf(String.class, String.class))
                    .orElse(Map.of())
                    .forEach((symbol, contract) -> tokens.put(symbol, new Asset.Token(EvmAddresses.parse(contract))));
        } else if (local.chain() != null) {
            endpoints.add(RpcEndpoint.of("local", local.chain().rpcUrl()));
            // one node, nothing to reorganise: a block is final when mined (a dev chain only mines on demand)
            config = EvmChain.LOCAL.withConfirmations(env.getProperty("custody.chain.evm.confirmations", Integer.class, 1));
            tokens.put("TUSD", new Asset.Token(EvmAddresses.parse(local.chain().stablecoinAddress())));
        } else {
            return new ChainHolder(null, null);
        }
        FailoverRpc rpc = new FailoverRpc(endpoints, RetryPolicy.seedDefaults(), BreakerPolicy.defaults());
        String nativeSymbol = env.getProperty("custody.chain.evm.native-symbol", "ETH");
        return new ChainHolder(new ExecutionChain(new EvmAdapter(config, rpc), nativeSymbol, tokens), rpc);
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

    /** Absent (null) when there is no chain; the execution saga then leaves ready withdrawals in READY. */
    @Bean
    WithdrawalExecutor withdrawalExecutor(ChainHolder chain, MpcClient mpc, WithdrawalJournal journal,
                                          CommandGateway commands, java.util.concurrent.ExecutorService withdrawalRuns,
                                          Environment env) {
        if (chain.chain() == null) {
            return null;
        }
        WithdrawalExecutor executor = new WithdrawalExecutor(chain.chain(), mpc, journal, commands, withdrawalRuns,
                Backoff.DEFAULT, Duration.ofSeconds(env.getProperty("custody.execution.confirmation-wait-seconds",
                Long.class, 120L)));
        if (env.getProperty("custody.execution.fault.halt-before-broadcast", Boolean.class, false)) {
            // Fault injection for the crash tests only: the JVM dies like a kill -9 right after the signed bytes are
            // journaled and before anything is sent, the moment the journal exists for.
            log.warn("fault injection on: the JVM halts after journaling a signed withdrawal, before broadcasting it");
            executor.beforeBroadcast(() -> Runtime.getRuntime().halt(137));
        }
        return executor;
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    DepositForwarder depositForwarder(ChainHolder chain, JdbcTemplate jdbc, CommandGateway commands, Environment env) {
        return new DepositForwarder(chain.chain(), jdbc, commands,
                Duration.ofMillis(env.getProperty("custody.deposits.poll-millis", Long.class, 1000L)));
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
    record ChainHolder(ExecutionChain chain, FailoverRpc rpc) implements AutoCloseable {
        @Override
        public void close() {
            if (rpc != null) {
                rpc.close();
            }
        }
    }
}
