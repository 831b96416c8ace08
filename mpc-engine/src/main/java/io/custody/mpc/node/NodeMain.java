package io.custody.mpc.node;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of a stand-alone MPC node process: {@code java -cp ... io.custody.mpc.node.NodeMain node.properties}.
 * Prints {@code MPC_NODE_LISTENING port=<port>} once it accepts requests, so a supervisor (or the cluster test) can
 * find a node that was given port 0.
 */
public final class NodeMain {

    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: NodeMain <node.properties>");
            System.exit(2);
        }
        NodeConfig config = NodeConfig.load(Path.of(args[0]));
        // ECDSA settings are optional keys of the same file (EcdsaNodeSettings#fromProperties).
        ProtocolRegistry registry = ProtocolRegistry.withFrostAndEcdsa(config.dataDir(),
                EcdsaNodeSettings.fromProperties(Path.of(args[0])));
        NodeRuntime runtime = NodeRuntime.start(config, registry, System.getenv());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stop.countDown();
        }));
        System.out.println("MPC_NODE_LISTENING port=" + runtime.port());
        System.out.flush();
        stop.await();
    }
}
