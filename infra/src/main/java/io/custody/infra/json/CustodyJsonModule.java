package io.custody.infra.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.payment.IdempotencyKey;
import io.custody.api.payment.MerchantId;
import io.custody.api.payment.PaymentId;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.Threshold;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ProposalId;
import java.util.UUID;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes single-value types of the published language as their value ({@code "walletId":"1b4e…"} rather than
 * {@code "walletId":{"value":"1b4e…"}}) in the event store, on the wire and in the SSE streams. Mix-ins keep Jackson
 * out of {@code core-api}. Used by both Axon's serializer and the web layer's mapper, so the shapes never diverge.
 * Amounts are written as decimal strings: a uint256 does not fit the double that JavaScript clients parse numbers into.
 */
public final class CustodyJsonModule extends SimpleModule {

    public CustodyJsonModule() {
        super("custody-value-types");
        setMixInAnnotation(WalletId.class, UuidValueMixin.class);
        setMixInAnnotation(OrganisationId.class, StringValueMixin.class);
        setMixInAnnotation(Threshold.class, ThresholdMixin.class);
        setMixInAnnotation(ProposalId.class, UuidValueMixin.class);
        setMixInAnnotation(io.custody.api.governance.PolicyChangeId.class, UuidValueMixin.class);
        setMixInAnnotation(TokenId.class, StringValueMixin.class);
        setMixInAnnotation(DepositId.class, StringValueMixin.class);
        setMixInAnnotation(MerchantId.class, StringValueMixin.class);
        setMixInAnnotation(PaymentId.class, StringValueMixin.class);
        setMixInAnnotation(IdempotencyKey.class, StringValueMixin.class);
        addSerializer(Amount.class, new AmountSerializer());
        addDeserializer(Amount.class, new AmountDeserializer());
    }

    /** For single-UUID records whose canonical constructor takes the UUID. */
    abstract static class UuidValueMixin {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        UuidValueMixin(UUID value) {
        }

        @JsonValue
        abstract UUID value();
    }

    /** For single-string records whose canonical constructor takes the string. */
    abstract static class StringValueMixin {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        StringValueMixin(String value) {
        }

        @JsonValue
        abstract String value();
    }

    abstract static class ThresholdMixin {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        ThresholdMixin(int value) {
        }

        @JsonValue
        abstract int value();
    }

    static final class AmountSerializer extends StdSerializer<Amount> {
        AmountSerializer() {
            super(Amount.class);
        }

        @Override
        public void serialize(Amount value, JsonGenerator gen, SerializationContext context) {
            gen.writeString(value.value().toString());
        }
    }

    static final class AmountDeserializer extends StdDeserializer<Amount> {
        AmountDeserializer() {
            super(Amount.class);
        }

        @Override
        public Amount deserialize(JsonParser parser, DeserializationContext context) {
            String text = parser.getValueAsString();
            try {
                return Amount.parse(text);
            } catch (IllegalArgumentException e) {
                return (Amount) context.handleWeirdStringValue(Amount.class, text, e.getMessage());
            }
        }
    }
}
