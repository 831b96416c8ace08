package io.custody.infra.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.CreateCustodyWallet;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.CustodyWalletRenamed;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.RenameCustodyWallet;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.Threshold;
import io.custody.api.wallet.WalletId;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed Property 17: every command and event survives a JSON round trip through the serializer the application stores
 * them with (Axon's Jackson 3 serializer with the custody value-type module), and through the web layer's mapper.
 */
class MessageSerializationProperties {

    private final Serializer serializer = Jackson3Serializer.builder()
            .revisionResolver(new AnnotationRevisionResolver())
            .jsonMapperBuilderCustomizer(builder -> builder.addModule(new CustodyJsonModule()))
            .build();
    private final JsonMapper web = JsonMapper.builder().addModule(new CustodyJsonModule()).build();

    @Property(tries = 1000)
    void every_message_survives_the_event_store_serializer(@ForAll("messages") Object message) {
        SerializedObject<byte[]> bytes = serializer.serialize(message, byte[].class);
        Object back = serializer.deserialize(bytes);
        assertThat(back).isEqualTo(message);
    }

    @Property(tries = 1000)
    void every_message_survives_the_web_mapper(@ForAll("messages") Object message) {
        String json = web.writeValueAsString(message);
        assertThat(web.readValue(json, message.getClass())).isEqualTo(message);
    }

    @Property(tries = 300)
    void events_are_stored_with_their_revision(@ForAll("events") Object event) {
        String declared = event.getClass().getAnnotation(org.axonframework.serialization.Revision.class).value();
        assertThat(declared).matches("[1-9][0-9]*");
        assertThat(serializer.serialize(event, byte[].class).getType().getRevision()).isEqualTo(declared);
    }

    @Property(tries = 50)
    void value_types_are_written_as_plain_values(@ForAll("created") CustodyWalletCreated event) {
        String json = web.writeValueAsString(event);
        assertThat(json).contains("\"walletId\":\"" + event.walletId() + "\"")
                .contains("\"threshold\":" + event.threshold().value())
                .contains("\"organisation\":\"" + event.organisation() + "\"");
    }

    @Provide
    Arbitrary<Object> messages() {
        return Arbitraries.oneOf(events(), commands());
    }

    @Provide
    Arbitrary<Object> events() {
        return Arbitraries.oneOf(List.of(created().map(Object.class::cast), renamed().map(Object.class::cast),
                WorkflowMessages.events()));
    }

    Arbitrary<Object> commands() {
        return Arbitraries.oneOf(List.of(create().map(Object.class::cast), rename().map(Object.class::cast),
                WorkflowMessages.commands()));
    }

    @Provide
    Arbitrary<CustodyWalletCreated> created() {
        return Combinators.combine(walletIds(), organisations(), names(), signerSets(), Arbitraries.integers().between(1, 20),
                        instants())
                .as((id, org, name, signers, k, at) -> new CustodyWalletCreated(id, org, name, signers.signers(),
                        new Threshold(k), signers.family(), at));
    }

    Arbitrary<CustodyWalletRenamed> renamed() {
        return Combinators.combine(walletIds(), names(), instants()).as(CustodyWalletRenamed::new);
    }

    Arbitrary<CreateCustodyWallet> create() {
        return Combinators.combine(walletIds(), organisations(), names(), signerSets(), Arbitraries.integers())
                .as((id, org, name, signers, k) -> new CreateCustodyWallet(id, org, name, signers.signers(), k,
                        signers.family()));
    }

    Arbitrary<RenameCustodyWallet> rename() {
        return Combinators.combine(walletIds(), names()).as(RenameCustodyWallet::new);
    }

    record SignerSet(ChainFamily family, List<SignerAddress> signers) {
    }

    Arbitrary<SignerSet> signerSets() {
        return Arbitraries.of(ChainFamily.class).flatMap(family -> Arbitraries.bytes().array(byte[].class)
                .ofSize(family == ChainFamily.EVM ? 20 : 32)
                .map(b -> new SignerAddress(family, "0x" + HexFormat.of().formatHex(b)))
                .list().ofMinSize(0).ofMaxSize(20)
                .map(list -> new SignerSet(family, list)));
    }

    Arbitrary<WalletId> walletIds() {
        return Arbitraries.create(UUID::randomUUID).map(WalletId::new);
    }

    Arbitrary<OrganisationId> organisations() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(62)
                .map(s -> new OrganisationId("a" + s + "z"));
    }

    Arbitrary<String> names() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(120);
    }

    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli)
                .flatMap(i -> Arbitraries.integers().between(0, 999_999).map(i::plusNanos));
    }
}
