package io.custody.chain.aptos;

import static io.custody.chain.aptos.AptosLedgerJson.blockMetadataTx;
import static io.custody.chain.aptos.AptosLedgerJson.coinDeposit;
import static io.custody.chain.aptos.AptosLedgerJson.coinStore;
import static io.custody.chain.aptos.AptosLedgerJson.faDeposit;
import static io.custody.chain.aptos.AptosLedgerJson.faWithdraw;
import static io.custody.chain.aptos.AptosLedgerJson.legacyDeposit;
import static io.custody.chain.aptos.AptosLedgerJson.list;
import static io.custody.chain.aptos.AptosLedgerJson.randomAddress;
import static io.custody.chain.aptos.AptosLedgerJson.stateCheckpointTx;
import static io.custody.chain.aptos.AptosLedgerJson.storeWrites;
import static io.custody.chain.aptos.AptosLedgerJson.userTx;
import static io.custody.chain.aptos.AptosLedgerJson.writeResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.DepositEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How fast the Aptos deposit watch catches up, never run by {@code ./mvnw test}. Two figures:
 * <ul>
 *   <li><b>scan</b>: {@link AptosDepositWatch#poll()} over a ledger served by {@link AptosNodeStub} on loopback
 *       (HTTP, JSON parsing, decoding; the stub's own serialisation is included, network latency to a real node is
 *       not);</li>
 *   <li><b>decode</b>: {@link DepositDecoder} alone over pre-parsed transactions, the gateway's CPU cost.</li>
 * </ul>
 * Args: rounds blocks txPerBlock (default 5 200 20). One warm-up round is discarded. Output: median and min-max.
 * Run with {@code -Dsun.net.httpserver.nodelay=true}: without it the JDK's HTTP server leaves Nagle's algorithm on and
 * each stub reply waits about 40 ms for a delayed ACK, which measures the stub, not the gateway.
 */
public final class AptosDepositScanBenchmark {

    /** Passes over the ledger per decode round, so that a round lasts long enough to time reliably. */
    private static final int DECODE_PASSES = 20;

    private AptosDepositScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int perBlock = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String custody = randomAddress();
        String custodyStore = randomAddress();
        try (AptosNodeStub stub = new AptosNodeStub()) {
            int expected = 0;
            for (int b = 0; b < blocks; b++) {
                List<ObjectNode> txs = new ArrayList<>();
                txs.add(blockMetadataTx());
                for (int i = 0; i < perBlock; i++) {
                    boolean ours = i % 4 == 0;
                    expected += ours ? 1 : 0;
                    txs.add(i % 8 == 4 ? coinTx(ours ? custody : randomAddress()) : faTx(ours ? custody : randomAddress(),
                            ours ? custodyStore : randomAddress()));
                }
                txs.add(stateCheckpointTx());
                stub.addBlock(txs.toArray(ObjectNode[]::new));
            }
            AptosRestClient rest = new AptosRestClient(stub.baseUri());
            Set<ChainAddress> watched = Set.of(new ChainAddress(custody));
            Set<Asset> assets = Set.of(Asset.nativeCoin());
            List<Double> scan = new ArrayList<>();
            for (int r = 0; r <= rounds; r++) {
                AptosDepositWatch w = new AptosDepositWatch(rest, watched, assets, 0, blocks);
                long t0 = System.nanoTime();
                List<DepositEvent> events = w.poll();
                double s = (System.nanoTime() - t0) / 1e9;
                long found = events.stream().filter(e -> e instanceof DepositEvent.Confirmed).count();
                if (found != expected || w.nextBlock() != blocks) {
                    throw new IllegalStateException("found " + found + " of " + expected + " deposits");
                }
                if (r > 0) {
                    scan.add(blocks / s);
                }
            }
            List<JsonNode> allTxs = new ArrayList<>();
            stub.blocks.forEach(b -> b.get("transactions").forEach(allTxs::add));
            DepositDecoder decoder = new DepositDecoder(Set.of(AptosAddress.parse(custody)), new WatchedAssets(assets), rest);
            List<Double> decode = new ArrayList<>();
            for (int r = 0; r <= rounds; r++) {
                long t0 = System.nanoTime();
                int found = 0;
                for (int pass = 0; pass < DECODE_PASSES; pass++) {
                    for (JsonNode tx : allTxs) {
                        found += decoder.decode(tx, 0, "0x" + "00".repeat(32)).size();
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9;
                if (found != expected * DECODE_PASSES) {
                    throw new IllegalStateException("decoded " + found + " of " + expected * DECODE_PASSES);
                }
                if (r > 0) {
                    decode.add((double) allTxs.size() * DECODE_PASSES / s);
                }
            }
            System.out.printf(Locale.ROOT, "ledger: %d blocks x %d tx (+2 system tx), %d deposits to the watched address%n",
                    blocks, perBlock, expected);
            System.out.println("scan   blocks/s " + summary(scan) + "  (tx/s = blocks/s x " + (perBlock + 2) + ")");
            System.out.println("decode tx/s     " + summary(decode));
        }
    }

    private static ObjectNode faTx(String to, String toStore) {
        String sender = randomAddress();
        String fromStore = randomAddress();
        ArrayNode changes = storeWrites(toStore, "0xa", "999", to);
        changes.addAll(storeWrites(fromStore, "0xa", "1", sender));
        return userTx(sender, true, list(faWithdraw(fromStore, "1000"), faDeposit(toStore, "1000")), changes);
    }

    private static ObjectNode coinTx(String to) {
        String apt = "0x1::aptos_coin::AptosCoin";
        return userTx(randomAddress(), true, list(coinDeposit(to, apt, "500"), legacyDeposit(to, "2", "500")),
                list(writeResource(to, coinStore(to, apt, "500", "2"))));
    }

    private static String summary(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        double median = s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
        return String.format(Locale.ROOT, "median %.0f  min-max %.0f-%.0f  (n=%d: %s)", median, s.get(0), s.get(s.size() - 1),
                s.size(), xs.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).collect(Collectors.joining(" ")));
    }
}
