package io.custody.infra.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * One real Kafka broker in KRaft combined mode (broker and its own controller in one node), run from Kafka's own jars
 * inside this JVM: loopback only, its logs in a directory of the data directory, so topics survive a restart.
 *
 * <p>The broker's port stays the same across {@link #stop()} and {@link #start()} of one instance, so producers that
 * were given its address reconnect to it; a new instance takes a free port unless one is configured. The controller's
 * port is chosen afresh at every start: the quorum is the static voter set in the configuration, not in the log, so a
 * port change does not invalidate the stored metadata.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;

    private final Path dataDir;
    private final int port;
    private final int partitions;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path dataDir, int port, int partitions) {
        this.dataDir = dataDir;
        this.port = port;
        this.partitions = partitions;
    }

    /** Starts a broker on {@code port} (0: a free one) with its logs in {@code dataDir}, formatting it the first time. */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, int defaultPartitions) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, port > 0 ? port : freePort(), defaultPartitions);
        broker.start();
        return broker;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        Properties config = config(freePort());
        format(config);
        KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        try {
            started.startup();
        } catch (RuntimeException e) {
            started.shutdown();
            started.awaitShutdown();
            throw e;
        }
        server = started;
    }

    /** Stops the broker and waits until its logs are closed; {@link #start()} brings it back on the same port. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        stop();
    }

    private Properties config(int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("num.partitions", String.valueOf(partitions));
        // one node: the internal topics can have no more than one replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // topics are created by their owners with the partitions configured for them, never by a mistyped consumer
        p.put("auto.create.topics.enable", "false");
        p.put("controlled.shutdown.enable", "true");
        return p;
    }

    /** Formats the log directory once; a directory that already holds a cluster keeps it (and its topics). */
    private void format(Properties config) {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path file = Files.createTempFile("custody-kafka", ".properties");
            try {
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    config.store(out, "embedded broker");
                }
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                int status = StorageTool.execute(new String[] {"format", "--config", file.toString(),
                        "--cluster-id", Uuid.randomUuid().toString(), "--ignore-formatted"},
                        new PrintStream(output, true, StandardCharsets.UTF_8));
                if (status != 0) {
                    throw new IllegalStateException("could not format the embedded Kafka log directory " + dataDir
                            + ": " + output.toString(StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the embedded Kafka log directory " + dataDir, e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the embedded Kafka broker", e);
        }
    }
}
