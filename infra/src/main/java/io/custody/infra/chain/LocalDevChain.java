package io.custody.infra.chain;

import io.custody.contracts.devnode.HardhatNode;
import io.custody.contracts.generated.EscrowPayment;
import io.custody.contracts.generated.SupplyChainFinance;
import io.custody.contracts.generated.TestStablecoin;
import io.custody.contracts.generated.TestToken18;
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
 * with the test stablecoin (TUSD, 6 decimals, like USDT on Ethereum) and an 18-decimal test token (TT18) deployed by
 * Hardhat's first development account, which also funds wallets on request ({@link #fund}), and the escrow
 * contract for merchant payments ({@code EscrowPayment}, owned by that account, which vets its arbitrators:
 * {@link #registerArbitrator}; refund, delivery and dispute windows of {@link #ESCROW_TIMEOUT}), and the
 * supply-chain-finance contract paying in TUSD ({@code SupplyChainFinance}, a grace period of
 * {@link #FINANCING_GRACE} and a late fee of {@link #LATE_FEE_BPS} basis points). Development only: the node keeps its state in memory, so the chain starts
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
    public static final String STABLECOIN_SYMBOL = "TUSD";
    public static final int STABLECOIN_DECIMALS = 6;
    public static final String TOKEN18_SYMBOL = "TT18";
    public static final int TOKEN18_DECIMALS = 18;

    /** The escrow's refund, delivery and dispute windows on the development chain. */
    public static final java.time.Duration ESCROW_TIMEOUT = java.time.Duration.ofDays(7);
    public static final java.time.Duration FINANCING_GRACE = java.time.Duration.ofDays(7);
    public static final int LATE_FEE_BPS = 200;

    private final HardhatNode node;
    private final Web3j web3j;
    private final TestStablecoin stablecoin;
    private final TestToken18 token18;
    private final EscrowPayment escrow;
    private final SupplyChainFinance financing;

    private LocalDevChain(HardhatNode node, Web3j web3j, TestStablecoin stablecoin, TestToken18 token18,
                          EscrowPayment escrow, SupplyChainFinance financing) {
        this.node = node;
        this.web3j = web3j;
        this.stablecoin = stablecoin;
        this.token18 = token18;
        this.escrow = escrow;
        this.financing = financing;
    }

    public static LocalDevChain start() {
        HardhatNode node = HardhatNode.start();
        Web3j web3j = Web3j.build(new HttpService(node.rpcUrl()));
        try {
            TestStablecoin token = TestStablecoin.deploy(web3j, transactions(web3j), gas(),
                    DEV_ACCOUNT.getAddress()).send();
            TestToken18 token18 = TestToken18.deploy(web3j, transactions(web3j), gas(),
                    DEV_ACCOUNT.getAddress()).send();
            BigInteger window = BigInteger.valueOf(ESCROW_TIMEOUT.toSeconds());
            EscrowPayment escrow = EscrowPayment.deploy(web3j, transactions(web3j), deploymentGas(),
                    DEV_ACCOUNT.getAddress(), window, window, window).send();
            SupplyChainFinance financing = SupplyChainFinance.deploy(web3j, transactions(web3j), deploymentGas(),
                    token.getContractAddress(), BigInteger.valueOf(FINANCING_GRACE.toSeconds()),
                    BigInteger.valueOf(LATE_FEE_BPS)).send();
            log.info("local EVM node at {} (chain id {}), test stablecoin TUSD at {}, TT18 at {}, escrow at {}, "
                    + "supply-chain finance at {}", node.rpcUrl(), CHAIN_ID, token.getContractAddress(),
                    token18.getContractAddress(), escrow.getContractAddress(), financing.getContractAddress());
            return new LocalDevChain(node, web3j, token, token18, escrow, financing);
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

    public String token18Address() {
        return token18.getContractAddress();
    }

    public String escrowAddress() {
        return escrow.getContractAddress();
    }

    public String financingAddress() {
        return financing.getContractAddress();
    }

    /** The escrow's owner vets {@code arbitrator} (e.g. a custody wallet's address); answers the transaction hash. */
    public synchronized String registerArbitrator(String arbitrator) throws Exception {
        return escrow.registerArbitrator(arbitrator).send().getTransactionHash();
    }

    /** Sends {@code wei} of ETH and mints {@code tokenUnits} TUSD base units to {@code address}; answers the hashes. */
    public java.util.List<String> fund(String address, BigInteger wei, BigInteger tokenUnits) throws Exception {
        return fund(address, wei, tokenUnits, BigInteger.ZERO);
    }

    /** As {@link #fund(String, BigInteger, BigInteger)}, and mints {@code token18Units} TT18 base units too. */
    public synchronized java.util.List<String> fund(String address, BigInteger wei, BigInteger tokenUnits,
                                                    BigInteger token18Units) throws Exception {
        java.util.List<String> hashes = new java.util.ArrayList<>();
        if (wei.signum() > 0) {
            hashes.add(org.web3j.tx.Transfer.sendFunds(web3j, DEV_ACCOUNT, address, new java.math.BigDecimal(wei),
                    org.web3j.utils.Convert.Unit.WEI).send().getTransactionHash());
        }
        if (tokenUnits.signum() > 0) {
            hashes.add(stablecoin.mint(address, tokenUnits).send().getTransactionHash());
        }
        if (token18Units.signum() > 0) {
            hashes.add(token18.mint(address, token18Units).send().getTransactionHash());
        }
        return hashes;
    }

    private static RawTransactionManager transactions(Web3j web3j) {
        return new RawTransactionManager(web3j, DEV_ACCOUNT, CHAIN_ID,
                new PollingTransactionReceiptProcessor(web3j, 100, 300));
    }

    private static StaticEIP1559GasProvider deploymentGas() {
        return new StaticEIP1559GasProvider(CHAIN_ID, BigInteger.valueOf(20_000_000_000L),
                BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(8_000_000));
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
