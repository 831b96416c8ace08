package io.custody.chain.evm;

import io.custody.chain.ChainAddress;
import io.custody.chain.ExternalSignature;
import io.custody.chain.SignedTransaction;
import io.custody.chain.TxHash;
import io.custody.chain.TransferRequest;
import io.custody.chain.UnsignedTransfer;
import io.custody.chain.rpc.FailoverRpc;
import io.custody.contracts.devnode.DevChainControl;
import io.custody.contracts.devnode.HardhatNode;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/** One Hardhat node with an EVM adapter on it, shared by the tests of one class. */
final class HardhatChain implements AutoCloseable {

    static final BigInteger ETHER = BigInteger.TEN.pow(18);

    final HardhatNode node;
    final DevChainControl control;
    final FailoverRpc rpc;
    final EvmAdapter adapter;
    final Web3j web3j;

    HardhatChain(EvmChain config) {
        node = HardhatNode.start();
        control = node.control();
        rpc = FailoverRpc.single(node.rpcUrl());
        adapter = new EvmAdapter(config, rpc);
        web3j = Web3j.build(new HttpService(node.rpcUrl()));
    }

    /** A custody address whose key only the external test signer holds, funded with {@code ether} ETH. */
    ChainAddress fund(LocalTestSigner signer, long ether) {
        ChainAddress a = adapter.deriveAddress(signer.publicKey());
        control.setBalance(a.value(), ETHER.multiply(BigInteger.valueOf(ether)));
        return a;
    }

    static ChainAddress randomAddress() {
        try {
            return EvmAddresses.checksummed(Credentials.create(Keys.createEcKeyPair()).getAddress());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Build, sign externally, assemble, broadcast: the withdrawal saga's path. */
    TxHash send(EvmAdapter a, LocalTestSigner signer, TransferRequest request) {
        UnsignedTransfer u = a.buildTransfer(request);
        return a.broadcast(sign(a, signer, u));
    }

    static SignedTransaction sign(EvmAdapter a, LocalTestSigner signer, UnsignedTransfer u) {
        ExternalSignature sig = signer.sign(u.signingDigest());
        return a.assemble(u, sig);
    }

    /** A deployer for test contracts, using web3j's own local signing (contract setup is not what is under test). */
    RawTransactionManager deployer(Credentials c) {
        control.setBalance(c.getAddress(), ETHER.multiply(BigInteger.valueOf(100)));
        return new RawTransactionManager(web3j, c, 31337, new PollingTransactionReceiptProcessor(web3j, 20, 500));
    }

    static StaticEIP1559GasProvider gas() {
        return new StaticEIP1559GasProvider(31337, BigInteger.valueOf(20_000_000_000L), BigInteger.valueOf(1_000_000_000L),
                BigInteger.valueOf(6_000_000));
    }

    @Override
    public void close() {
        web3j.shutdown();
        rpc.close();
        node.close();
    }
}
