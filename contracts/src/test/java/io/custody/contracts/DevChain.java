package io.custody.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.custody.contracts.devnode.DevChainControl;
import io.custody.contracts.devnode.HardhatNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/** One Hardhat node per test class with the helpers contract tests share: funded fresh accounts and revert checks. */
final class DevChain implements AutoCloseable {

    static final long CHAIN_ID = 31337;
    static final BigInteger ETHER = BigInteger.TEN.pow(18);

    final HardhatNode node;
    final Web3j web3j;
    final DevChainControl control;
    final ContractGasProvider gas = new StaticEIP1559GasProvider(CHAIN_ID,
            BigInteger.valueOf(20_000_000_000L), BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(6_000_000));

    DevChain() {
        node = HardhatNode.start();
        web3j = Web3j.build(new HttpService(node.rpcUrl()));
        control = node.control();
    }

    /** A fresh key holding 100 ETH, so no test depends on Hardhat's well-known default accounts. */
    Credentials fundedAccount() {
        try {
            Credentials c = Credentials.create(Keys.createEcKeyPair());
            control.setBalance(c.getAddress(), ETHER.multiply(BigInteger.valueOf(100)));
            return c;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    RawTransactionManager txManager(Credentials c) {
        return new RawTransactionManager(web3j, c, CHAIN_ID, new PollingTransactionReceiptProcessor(web3j, 20, 500));
    }

    BigInteger ethBalance(String address) throws Exception {
        return web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    }

    long latestTimestamp() throws Exception {
        return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp().longValueExact();
    }

    static byte[] orderId(String name) {
        return Hash.sha3(name.getBytes(StandardCharsets.UTF_8));
    }

    /** The 4-byte selector of a Solidity custom error such as {@code NotBuyer()}. */
    static String selector(String errorSignature) {
        return Numeric.toHexString(Hash.sha3(errorSignature.getBytes(StandardCharsets.UTF_8))).substring(2, 10);
    }

    /**
     * Runs a transaction that must revert with the given custom error. Hardhat rejects the failing transaction and
     * returns the revert data; the selector in it identifies the error, so a revert for another reason fails the test.
     */
    static void assertRevertsWith(String errorSignature, ThrowingCall call) {
        Throwable t = catchThrowable(call::run);
        assertThat(t).as("expected revert with %s", errorSignature).isNotNull();
        assertThat(fullMessage(t).toLowerCase()).as("revert reason").contains(selector(errorSignature));
    }

    private static String fullMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    @Override
    public void close() {
        web3j.shutdown();
        node.close();
    }
}
