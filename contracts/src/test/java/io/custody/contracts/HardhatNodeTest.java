package io.custody.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.contracts.devnode.HardhatNode;
import java.math.BigInteger;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

class HardhatNodeTest {

    @Test
    void starts_on_loopback_with_chain_id_31337_and_frees_its_port_when_closed() throws Exception {
        int port;
        try (HardhatNode node = HardhatNode.start()) {
            port = node.port();
            assertThat(node.rpcUrl()).startsWith("http://127.0.0.1:");
            Web3j web3j = Web3j.build(new HttpService(node.rpcUrl()));
            assertThat(web3j.ethChainId().send().getChainId()).isEqualTo(BigInteger.valueOf(31337));
            web3j.shutdown();
        }
        Throwable refused = null;
        try (Socket s = new Socket("127.0.0.1", port)) {
            // connected: the node is still listening
        } catch (java.io.IOException e) {
            refused = e;
        }
        assertThat(refused).as("port %s must be closed after stop", port).isNotNull();
    }

    @Test
    void snapshot_and_revert_remove_blocks_mined_after_the_snapshot() throws Exception {
        try (HardhatNode node = HardhatNode.start()) {
            Web3j web3j = Web3j.build(new HttpService(node.rpcUrl()));
            BigInteger before = web3j.ethBlockNumber().send().getBlockNumber();
            String snap = node.control().snapshot();
            node.control().mine(5);
            assertThat(web3j.ethBlockNumber().send().getBlockNumber()).isEqualTo(before.add(BigInteger.valueOf(5)));
            node.control().revert(snap);
            assertThat(web3j.ethBlockNumber().send().getBlockNumber()).isEqualTo(before);
            web3j.shutdown();
        }
    }
}
