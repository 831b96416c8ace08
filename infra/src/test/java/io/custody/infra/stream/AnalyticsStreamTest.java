package io.custody.infra.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.custody.api.EventCatalog;
import io.custody.api.EventSchemas;
import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.infra.json.WorkflowMessages;
import io.custody.infra.support.Http;
import io.custody.infra.support.Processors;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.TestWallets;
import io.custody.query.stream.CloudEventMessage;
import io.custody.query.stream.EventStreamPublisher;
import io.custody.query.stream.example.DailyWalletVolumes;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics stream on the real application and its embedded Kafka broker: every domain event on the topic as a
 * CloudEvents message keyed by its aggregate, matching the published JSON Schemas, readable by the example consumer,
 * and published again with the same ids after a reset of the processor.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsStreamTest {

    static final String TOPIC = "custody.events";
    /** The merchant stream is sent to a topic of its own here, to show that topics and partitions are configuration. */
    static final String MERCHANT_TOPIC = "custody.merchant-events";
    static final int PARTITIONS = 3;
    static final String ALICE = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String BOB = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";

    static final Set<EventCatalog.Stream> IDENTITY = Set.of(EventCatalog.Stream.ORGANISATION,
            EventCatalog.Stream.SERVICE_ACCOUNT, EventCatalog.Stream.MEMBER_PASSKEYS);

    @TempDir
    static Path dataDir;
    static RunningApplication app;
    static Processors processors;
    /** Deposits made through the command side: wallet -> token -> total. */
    static final Map<String, Map<String, BigInteger>> deposited = new HashMap<>();

    @BeforeAll
    static void start() {
        app = RunningApplication.startWithKafka(dataDir, "--custody.stream.topics.merchant=" + MERCHANT_TOPIC,
                "--custody.stream.partitions=" + PARTITIONS);
        processors = new Processors(app);
        Http http = app.http();
        CommandGateway commands = app.context().getBean(CommandGateway.class);
        for (int w = 0; w < 3; w++) {
            String wallet = http.post("/api/v1/wallets", """
                    {"name":"Stream %d","signers":["%s","%s"],"threshold":2,
                     "chainFamily":"EVM"}""".formatted(w, ALICE, BOB)).json().get("walletId").asString();
            // the provisioning saga is off in tests: activate as it would, since a wallet without key takes no deposit
            TestWallets.activate(commands, WalletId.parse(wallet));
            http.patch("/api/v1/wallets/" + wallet, "{\"name\":\"Renamed " + w + "\"}");
            for (int d = 1; d <= 3 + w; d++) {
                String token = d % 2 == 0 ? "USDT" : "USDC";
                commands.sendAndWait(new ConfirmDeposit(WalletId.parse(wallet), new DepositId("0xstream:" + UUID.randomUUID()),
                        new TokenId(token), Amount.of(100L * d)));
                deposited.computeIfAbsent(wallet, k -> new HashMap<>()).merge(token, BigInteger.valueOf(100L * d), BigInteger::add);
            }
        }
        // Every other event type, appended as the command side would append it, each to a stream of its own: what is
        // checked below is what the publisher makes of an event, not whether the command side can produce it.
        EventStore store = app.context().getBean(EventStore.class);
        Map<Class<?>, Object> samples = new LinkedHashMap<>();
        WorkflowMessages.events().sampleStream().limit(5_000).forEach(event -> samples.putIfAbsent(event.getClass(), event));
        samples.values().removeIf(event -> IDENTITY.contains(EventCatalog.of(event.getClass()).orElseThrow().stream()));
        // two sampled types of one stream may draw the same id ("0"): number each stream's events in turn
        Map<String, Long> sampleSequences = new HashMap<>();
        samples.values().forEach(event -> {
            EventCatalog.Stream stream = EventCatalog.of(event.getClass()).orElseThrow().stream();
            String id = aggregateIdOf(event, stream);
            store.publish(new GenericDomainEventMessage<>(stream.aggregateType(), id,
                    sampleSequences.merge(id, 1L, Long::sum) - 1, event));
        });
        // identity events build on one another (the identity read model keeps foreign keys): one coherent history
        Map<String, Long> sequences = new HashMap<>();
        WorkflowMessages.identityHistory().forEach(event -> {
            EventCatalog.Stream stream = EventCatalog.of(event.getClass()).orElseThrow().stream();
            String aggregate = aggregateIdOf(event, stream);
            long sequence = sequences.merge(stream + "/" + aggregate, 1L, Long::sum) - 1;
            store.publish(new GenericDomainEventMessage<>(stream.aggregateType(), aggregate, sequence, event));
        });
        processors.awaitCaughtUp(List.of(EventStreamPublisher.PROCESSOR));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    @Test
    @Order(1)
    void every_stored_event_is_on_the_topic_once_as_a_structured_cloudevent_keyed_by_its_aggregate() {
        PublishedStream stream = PublishedStream.read(app, TOPIC, MERCHANT_TOPIC);
        List<PublishedStream.StoredEvent> store = PublishedStream.stored(app);

        assertThat(stream.messages()).hasSameSizeAs(store);
        stream.assertHoldsExactlyOnceInAggregateOrder(store);
        assertThat(stream.messages()).allSatisfy(m -> {
            assertThat(m.contentType()).isEqualTo(CloudEventMessage.CONTENT_TYPE);
            assertThat(m.event().get("specversion").asString()).isEqualTo("1.0");
            assertThat(m.event().get("partitionkey").asString()).isEqualTo(m.key());
        });
        assertThat(app.jdbc().queryForObject("SELECT count(*) FROM TokenEntry WHERE processorName = ?", Integer.class,
                EventStreamPublisher.PROCESSOR)).isEqualTo(1);
    }

    @Test
    @Order(1)
    void topics_and_partitions_follow_the_configuration() throws Exception {
        PublishedStream stream = PublishedStream.read(app, TOPIC, MERCHANT_TOPIC);
        assertThat(stream.messages()).allSatisfy(m -> assertThat(m.topic()).as(m.event().get("type").asString())
                .isEqualTo(m.event().get("aggregatetype").asString().equals("Merchant") ? MERCHANT_TOPIC : TOPIC));
        assertThat(stream.messages()).extracting(PublishedStream.Message::topic).contains(TOPIC, MERCHANT_TOPIC);
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                app.context().getEnvironment().getRequiredProperty("custody.kafka.bootstrap-servers")))) {
            assertThat(admin.describeTopics(List.of(TOPIC, MERCHANT_TOPIC)).allTopicNames().get().values())
                    .allSatisfy(topic -> assertThat(topic.partitions()).hasSize(PARTITIONS));
        }
    }

    @Test
    @Order(2)
    void every_event_type_is_published_and_every_published_event_matches_its_json_schema() throws Exception {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema envelope = schema(registry, EventSchemas.ENVELOPE);
        Map<String, Schema> byType = new HashMap<>();
        for (EventCatalog.Entry<?> entry : EventCatalog.entries()) {
            byType.put("io.custody." + entry.name(), schema(registry, entry.name()));
        }
        PublishedStream stream = PublishedStream.read(app, TOPIC, MERCHANT_TOPIC);

        assertThat(stream.messages().stream().map(m -> m.event().get("type").asString()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(byType.keySet());
        assertThat(stream.messages()).allSatisfy(m -> {
            List<Error> envelopeErrors = envelope.validate(m.event());
            assertThat(envelopeErrors).as(m.event().toString()).isEmpty();
            Schema data = byType.get(m.event().get("type").asString());
            assertThat(data.getSchemaNode().get("$id").asString()).isEqualTo(m.event().get("dataschema").asString());
            assertThat(data.validate(m.event().get("data"))).as(m.event().toString()).isEmpty();
        });
    }

    @Test
    @Order(3)
    void the_example_consumer_computes_each_wallets_daily_volumes_from_the_topic() {
        DailyWalletVolumes volumes = DailyWalletVolumes.fromTopic(
                app.context().getEnvironment().getRequiredProperty("custody.kafka.bootstrap-servers"), TOPIC);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        deposited.forEach((wallet, byToken) -> byToken.forEach((token, total) -> {
            DailyWalletVolumes.Volume volume = volumes.volumes().entrySet().stream()
                    .filter(e -> e.getKey().walletId().equals(wallet) && e.getKey().token().equals(token))
                    .map(Map.Entry::getValue)
                    // the deposits were made just now; a run across midnight UTC splits them over two days
                    .reduce(new DailyWalletVolumes.Volume(BigInteger.ZERO, BigInteger.ZERO, 0, 0), (a, b) ->
                            new DailyWalletVolumes.Volume(a.in().add(b.in()), a.out().add(b.out()),
                                    a.deposits() + b.deposits(), a.withdrawals() + b.withdrawals()));
            assertThat(volume.in()).as(wallet + " " + token).isEqualTo(total);
            assertThat(volume.out()).isZero();
        }));
        assertThat(volumes.volumes().keySet()).filteredOn(k -> deposited.containsKey(k.walletId()))
                .allSatisfy(k -> assertThat(k.day()).isBetween(today.minusDays(1), today));
    }

    @Test
    @Order(4)
    void resetting_the_processor_publishes_the_history_again_with_the_same_ids() {
        List<PublishedStream.StoredEvent> store = PublishedStream.stored(app);
        PublishedStream before = PublishedStream.read(app, TOPIC, MERCHANT_TOPIC);

        processors.reset(EventStreamPublisher.PROCESSOR);
        processors.awaitCaughtUp(List.of(EventStreamPublisher.PROCESSOR));

        PublishedStream after = PublishedStream.read(app, TOPIC, MERCHANT_TOPIC);
        assertThat(after.messages()).hasSize(2 * before.messages().size());
        assertThat(after.messages().stream().collect(Collectors.groupingBy(PublishedStream.Message::id,
                Collectors.counting())).values()).containsOnly(2L);
        after.assertHoldsExactlyOnceInAggregateOrder(store);

        DailyWalletVolumes volumes = DailyWalletVolumes.fromTopic(
                app.context().getEnvironment().getRequiredProperty("custody.kafka.bootstrap-servers"), TOPIC);
        // the consumer reads the main topic only (the merchant stream has a topic of its own here)
        assertThat(volumes.duplicatesDropped())
                .isEqualTo(before.messages().stream().filter(m -> m.topic().equals(TOPIC)).count());
    }

    /** The id of the stream the command side appends {@code event} to: the wallet's, proposal's, deposit's, merchant's. */
    private static String aggregateIdOf(Object event, EventCatalog.Stream stream) {
        String component = switch (stream) {
            case WALLET -> "walletId";
            case PROPOSAL -> "proposalId";
            case DEPOSIT -> "depositId";
            case MERCHANT -> "merchantId";
            case ORGANISATION -> "organisation";
            case SERVICE_ACCOUNT -> "serviceAccount";
            case MEMBER_PASSKEYS -> "member";
            case POLICY_CHANGE -> "changeId";
        };
        try {
            return event.getClass().getMethod(component).invoke(event).toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Schema schema(SchemaRegistry registry, String name) throws Exception {
        try (InputStream in = EventSchemas.open(name)) {
            return registry.getSchema(in);
        }
    }
}
