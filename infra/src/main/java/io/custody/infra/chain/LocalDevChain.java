package io.custody.infra.chain;

import io.custody.contracts.devnode.HardhatNode;
import io.custody.contracts.generated.TestStablecoin;
import java.math.BigInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * The all-in-one's local EVM chain: a Hardhat node on 127.0.0.1 (from the contracts module's pinned npm packages)
 * with the test stablecoin (TUSD, 6 decimals) deployed by Hardhat's first development account, which also funds
 * wallets on request ({@link #fund}). Development only: the node keeps its state in memory, so the chain starts
 * empty with every start of the application.
 */
public final class LocalDevChain implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalDevChain.class);
    /**
     * Hardhat's first default development account (from its published test mnemonic): it holds 10,000 ETH on every
     * fresh Hardhat node and is known to everyone, so it only ever exists on a local development chain.
     */
    static final Credentials DEV_ACCOUNT = Credentials.create(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    static final long CHAIN_ID = 31337;

    private final HardhatNode node;
    private final Web3j web3j;
    private final TestStablecoin stablecoin;

    private LocalDevChain(HardhatNode node, Web3j web3j, TestStablecoin stablecoin) {
        this.node = node;
        this.web3j = web3j;
        this.stablecoin = stablecoin;
    }

    public static LocalDevChain start() {
        HardhatNode node = HardhatNode.start();
        Web3j web3j = Web3j.build(new HttpService(node.rpcUrl()));
        try {
            TestStablecoin token = TestStablecoin.deploy(web3j, transactions(web3j), gas(),
                    DEV_ACCOUNT.getAddress()).send();
            log.info("local EVM node at {} (chain id {}), test stablecoin TUSD at {}", node.rpcUrl(), CHAIN_ID,
                    token.getContractAddress());
            return new LocalDevChain(node, web3j, token);
        } catch (Exception e) {
            web3j.shutdown();
            node.close();
            throw new IllegalStateException("could not deploy the test stablecoin on the local node", e);
        }
    }

    public String rpcUrl() {
        return node.rpcUrl();
    }

    public String stablecoinAddress() {
        return stablecoin.getContractAddress();
    }

    /** Sends {@code wei} of ETH and mints {@code tokenUnits} TUSD base units to {@code address}; answers the hashes. */
    public synchronized java.util.List<String> fund(String address, BigInteger wei, BigInteger tokenUnits)
            throws Exception {
        java.util.List<String> hashes = new java.util.ArrayList<>();
        if (wei.signum() > 0) {
            hashes.add(org.web3j.tx.Transfer.sendFunds(web3j, DEV_ACCOUNT, address, new java.math.BigDecimal(wei),
                    org.web3j.utils.Convert.Unit.WEI).send().getTransactionHash());
        }
        if (tokenUnits.signum() > 0) {
            hashes.add(stablecoin.mint(address, tokenUnits).send().getTransactionHash());
        }
        return hashes;
    }

    private static RawTransactionManager transactions(Web3j web3j) {
        return new RawTransactionManager(web3j, DEV_ACCOUNT, CHAIN_ID,
                new PollingTransactionReceiptProcessor(web3j, 100, 300));
    }

    private static StaticEIP1559GasProvider gas() {
        return new StaticEIP1559GasProvider(CHAIN_ID, BigInteger.valueOf(20_000_000_000L),
                BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(3_000_000));
    }

    @Override
    public void close() {
        web3j.shutdown();
        node.close();
    }
}
