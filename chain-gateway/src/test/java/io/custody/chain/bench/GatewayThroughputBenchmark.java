package io.custody.chain.bench;

import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.ExternalSignature;
import io.custody.chain.SignedTransaction;
import io.custody.chain.TransferRequest;
import io.custody.chain.TxHash;
import io.custody.chain.TxStatus;
import io.custody.chain.UnsignedTransfer;
import io.custody.chain.evm.EvmAdapter;
import io.custody.chain.evm.EvmChain;
import io.custody.chain.rpc.FailoverRpc;
import io.custody.contracts.devnode.HardhatNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Throughput of the gateway's full withdrawal path against a local Hardhat node: build (fees, gas, nonce), sign the
 * digest with a local key standing in for the MPC engine, assemble with all checks, broadcast, then poll until the
 * receipt is visible. Run with {@code ./mvnw -pl chain-gateway -am -Pbench verify -DskipTests}; never part of the tests.
 *
 * <p>Arguments: {@code rounds transfersPerSender senderCounts...} (default 5 100 1 8).
 */
public final class GatewayThroughputBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perSender = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<Integer> senderCounts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            senderCounts.add(Integer.parseInt(args[i]));
        }
        if (senderCounts.isEmpty()) {
            senderCounts = List.of(1, 8);
        }
        System.out.printf("JDK %s, %d cores; Hardhat automine; %d rounds x %d transfers per sender (1 warm-up round)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), rounds, perSender);
        try (HardhatNode node = HardhatNode.start(); FailoverRpc rpc = FailoverRpc.single(node.rpcUrl())) {
            EvmAdapter adapter = new EvmAdapter(EvmChain.LOCAL.withConfirmations(1), rpc);
            for (int senders : senderCounts) {
                List<Double> tps = new ArrayList<>();
                List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
                for (int r = 0; r <= rounds; r++) {
                    List<Long> roundLatencies = Collections.synchronizedList(new ArrayList<>());
                    double t = round(node, adapter, senders, perSender, roundLatencies);
                    if (r > 0) { // round 0 warms the JIT and the node
                        tps.add(t);
                        latencies.addAll(roundLatencies);
                    }
                }
                Collections.sort(tps);
                List<Long> lat = new ArrayList<>(latencies);
                Collections.sort(lat);
                System.out.printf("senders=%d  tx/s median=%.1f min=%.1f max=%.1f  |  build->receipt ms p50=%.1f p90=%.1f p99=%.1f max=%.1f (n=%d)%n",
                        senders, tps.get(tps.size() / 2), tps.get(0), tps.get(tps.size() - 1),
                        pct(lat, 0.50), pct(lat, 0.90), pct(lat, 0.99), lat.get(lat.size() - 1) / 1e6, lat.size());
            }
        }
    }

    private static double round(HardhatNode node, EvmAdapter adapter, int senders, int perSender, List<Long> latencies)
            throws Exception {
        List<ECKeyPair> keys = new ArrayList<>();
        List<ChainAddress> addresses = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            ECKeyPair k = Keys.createEcKeyPair();
            keys.add(k);
            ChainAddress a = new ChainAddress(Keys.toChecksumAddress(Keys.getAddress(k)));
            addresses.add(a);
            node.control().setBalance(a.value(), BigInteger.TEN.pow(21));
        }
        ChainAddress sink = new ChainAddress(Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair())));
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            ECKeyPair key = keys.get(s);
            ChainAddress from = addresses.get(s);
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perSender; i++) {
                    long t0 = System.nanoTime();
                    UnsignedTransfer u = adapter.buildTransfer(new TransferRequest(from, sink, Asset.nativeCoin(), Amount.of(1)));
                    Sign.SignatureData sd = Sign.signMessage(u.signingDigest(), key, false);
                    SignedTransaction tx = adapter.assemble(u, new ExternalSignature.Ecdsa(
                            Numeric.toBigInt(sd.getR()), Numeric.toBigInt(sd.getS()), sd.getV()[0] - 27));
                    TxHash h = adapter.broadcast(tx);
                    while (adapter.status(h).state() == TxStatus.State.PENDING) {
                        Thread.onSpinWait();
                    }
                    latencies.add(System.nanoTime() - t0);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return senders * perSender / seconds;
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size()))) / 1e6;
    }
}
