package io.custody.infra.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.withdrawal.ProposalId;
import io.custody.command.deposit.Deposit;
import io.custody.command.wallet.Balances;
import io.custody.command.wallet.CustodyWallet;
import io.custody.command.wallet.Reservations;
import io.custody.command.wallet.WalletPolicy;
import io.custody.command.wallet.WalletProvisioning;
import io.custody.command.wallet.WalletSigners;
import io.custody.command.withdrawal.ProposalState;
import io.custody.command.withdrawal.WithdrawalProposal;
import io.custody.saga.provisioning.WalletProvisioningSaga;
import io.custody.saga.withdrawal.WithdrawalExecutionSaga;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * How Axon's snapshots write an aggregate: its fields as they are (aggregates have no getters, and must not grow
 * any for the sake of JSON), with the map keys of the published language written as their plain value. Only the
 * aggregate state classes named here see field access, so messages keep the shape {@link CustodyJsonModule} gives
 * them. Their fields are not {@code final} (Jackson 3 does not write final fields, and a snapshot that silently kept
 * an empty balance would decide wrongly) and their collections are declared with the concrete type to restore. {@code AggregateSnapshotTest} round-trips a wallet and a proposal through the serializer the application uses.
 */
public final class AggregateSnapshotModule extends SimpleModule {

    public AggregateSnapshotModule() {
        super("custody-aggregate-snapshots");
        for (Class<?> state : new Class<?>[] {CustodyWallet.class, WalletSigners.class, WalletPolicy.class, WalletProvisioning.class,
                Balances.class, Reservations.class, WithdrawalProposal.class, ProposalState.class, Deposit.class,
                WalletProvisioningSaga.class, WithdrawalExecutionSaga.class}) {
            setMixInAnnotation(state, FieldsOnly.class);
        }
        addKeySerializer(TokenId.class, new KeyWriter<>(TokenId::value));
        addKeyDeserializer(TokenId.class, new KeyReader(TokenId::new));
        addKeySerializer(ProposalId.class, new KeyWriter<>(ProposalId::toString));
        addKeyDeserializer(ProposalId.class, new KeyReader(ProposalId::parse));
        addKeySerializer(SignerAddress.class, new KeyWriter<>(a -> a.family() + ":" + a.value()));
        addKeyDeserializer(SignerAddress.class, new KeyReader(text -> {
            int colon = text.indexOf(':');
            return new SignerAddress(ChainFamily.valueOf(text.substring(0, colon)), text.substring(colon + 1));
        }));
    }

    /** Fields only, built through the no-argument constructor Axon needs anyway (never a deciding constructor). */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE,
            creatorVisibility = Visibility.NONE)
    abstract static class FieldsOnly {
    }

    private static final class KeyWriter<T> extends ValueSerializer<T> {
        private final java.util.function.Function<T, String> text;

        KeyWriter(java.util.function.Function<T, String> text) {
            this.text = text;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializationContext context) {
            gen.writeName(text.apply(value));
        }
    }

    private static final class KeyReader extends KeyDeserializer {
        private final java.util.function.Function<String, Object> parse;

        KeyReader(java.util.function.Function<String, Object> parse) {
            this.parse = parse;
        }

        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            return parse.apply(key);
        }
    }
}
