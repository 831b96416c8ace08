package io.custody.infra.bench;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.infra.support.Http;
import io.custody.infra.support.Processors;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.TestWallets;
import io.custody.query.stream.EventStreamPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analytics stream on the embedded default (ADR stream-001): end-to-end lag from sending a command to its event
 * being readable on the topic, and the publisher's throughput when it replays the event store after a reset.
 *
 * <p>Lag: {@code --clients} threads send {@code ConfirmDeposit} commands through the command gateway (each appends
 * {@code DepositConfirmed} and {@code DepositCredited}) to {@code --wallets} wallets; a consumer positioned at the end of
 * the topic notes when each deposit's {@code DepositCredited} arrives. The lag of a command is that arrival minus the
 * moment just before it was sent; it includes the command's own handling, the tracking processor's polling and batch,
 * the broker's acknowledgement and the consumer's fetch. Replay: the {@code analytics-stream} processor is reset and
 * timed until its token has passed the head of the event store again; every event is published once more.
 *
 * <pre>bench/stream.sh [--clients 4] [--commands 2000] [--warmup 300] [--wallets 8] [--set property=value ...]</pre>
 */
public final class StreamBenchmark {

    private static final String TOPIC = "custody.events";
    private static final String[] SIGNERS = {
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"};

    private StreamBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = ClosedLoop.intArg(args, "--clients", 4);
        int commands = ClosedLoop.intArg(args, "--commands", 2000);
        int warmup = ClosedLoop.intArg(args, "--warmup", 300);
        int walletCount = ClosedLoop.intArg(args, "--wallets", 8);

        Path dir = Files.createTempDirectory("custody-bench");
        long starting = System.nanoTime();
        try (RunningApplication app = RunningApplication.startWithKafka(dir, ClosedLoop.applicationArgs(args))) {
            System.out.printf(Locale.ROOT, "stream: application with embedded Kafka started in %.1f s; %d cores, %s, "
                            + "%d clients, %d commands (warm-up %d), %d wallets%n", (System.nanoTime() - starting) / 1e9,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), clients,
                    commands, warmup, walletCount);
            Http http = app.http();
            List<String> wallets = new ArrayList<>();
            for (int w = 0; w < walletCount; w++) {
                String id = http.post("/api/v1/wallets", """
                        {"name":"Stream %d","signers":["%s","%s"],"threshold":2,
                         "chainFamily":"EVM"}""".formatted(w, SIGNERS[0], SIGNERS[1])).json().get("walletId").asString();
                // deposits are credited to active wallets only; the benchmark skips the key generation
                TestWallets.activate(app.context().getBean(CommandGateway.class), WalletId.parse(id));
                wallets.add(id);
            }
            String servers = app.context().getEnvironment().getRequiredProperty("custody.kafka.bootstrap-servers");
            try (Arrivals arrivals = Arrivals.watch(servers)) {
                run(app, wallets, clients, warmup, "0xwarmup:", arrivals);
                Map<String, Long> sent = run(app, wallets, clients, commands, "0xbench:", arrivals);
                long[] lags = sent.entrySet().stream()
                        .mapToLong(e -> arrivals.at(e.getKey()) - e.getValue()).sorted().toArray();
                long first = sent.values().stream().mapToLong(Long::longValue).min().orElseThrow();
                long last = sent.keySet().stream().mapToLong(arrivals::at).max().orElseThrow();
                double seconds = (last - first) / 1e9;
                System.out.printf(Locale.ROOT, "stream lag: %d commands (%d events) in %.1f s: %.1f commands/s, "
                                + "%.1f events/s published; lag command -> topic p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        commands, 2 * commands, seconds, commands / seconds, 2 * commands / seconds,
                        percentile(lags, 0.50), percentile(lags, 0.99), lags[lags.length - 1] / 1e6);
            }

            Processors processors = new Processors(app);
            long events = app.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class);
            long replayStart = System.nanoTime();
            processors.reset(EventStreamPublisher.PROCESSOR);
            processors.awaitCaughtUp(List.of(EventStreamPublisher.PROCESSOR), Duration.ofMinutes(30));
            double replaySeconds = (System.nanoTime() - replayStart) / 1e9;
            System.out.printf(Locale.ROOT, "stream replay: %d events republished in %.1f s: %.0f events/s "
                    + "(includes up to 0.2 s of polling for the end)%n", events, replaySeconds, events / replaySeconds);
        }
    }

    /** Sends {@code count} deposits from {@code clients} threads; returns when each was sent, by deposit id. */
    private static Map<String, Long> run(RunningApplication app, List<String> wallets, int clients, int count,
                                         String prefix, Arrivals arrivals) throws Exception {
        CommandGateway gateway = app.context().getBean(CommandGateway.class);
        Map<String, Long> sent = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    String deposit = prefix + UUID.randomUUID();
                    sent.put(deposit, System.nanoTime());
                    gateway.sendAndWait(new ConfirmDeposit(WalletId.parse(wallets.get(i % wallets.size())),
                            new DepositId(deposit), new TokenId("USDC"), Amount.of(1 + i)));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        arrivals.awaitAll(sent.keySet(), Duration.ofMinutes(10));
        return sent;
    }

    private static double percentile(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** A consumer at the end of the topic noting when each deposit's {@code DepositCredited} arrives. */
    private static final class Arrivals implements AutoCloseable {
        private final Map<String, Long> arrived = new ConcurrentHashMap<>();
        private final JsonMapper json = JsonMapper.builder().build();
        private final Thread poller;
        private volatile boolean running = true;

        private Arrivals(KafkaConsumer<String, byte[]> consumer) {
            poller = new Thread(() -> {
                try (consumer) {
                    while (running) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                            long now = System.nanoTime();
                            JsonNode event = json.readTree(record.value());
                            if (event.get("type").asString().equals("io.custody.DepositCredited")) {
                                arrived.putIfAbsent(event.get("data").get("depositId").asString(), now);
                            }
                        }
                    }
                }
            }, "stream-bench-consumer");
        }

        static Arrivals watch(String servers) {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Arrivals arrivals = new Arrivals(consumer);
            arrivals.poller.start();
            return arrivals;
        }

        long at(String deposit) {
            return arrived.get(deposit);
        }

        void awaitAll(java.util.Collection<String> deposits, Duration atMost) throws InterruptedException {
            long deadline = System.nanoTime() + atMost.toNanos();
            while (!arrived.keySet().containsAll(deposits)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(Arrays.toString(deposits.stream()
                            .filter(d -> !arrived.containsKey(d)).limit(5).toArray()) + " never reached the topic");
                }
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            poller.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
