package io.custody.infra.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.Threshold;
import io.custody.api.wallet.WalletId;
import java.util.UUID;
import tools.jackson.databind.module.SimpleModule;

/**
 * Writes single-value types of the published language as their value ({@code "walletId":"1b4e…"} rather than
 * {@code "walletId":{"value":"1b4e…"}}) in the event store, on the wire and in the SSE streams. Mix-ins keep Jackson
 * out of {@code core-api}. Used by both Axon's serializer and the web layer's mapper, so the shapes never diverge.
 */
public final class CustodyJsonModule extends SimpleModule {

    public CustodyJsonModule() {
        super("custody-value-types");
        setMixInAnnotation(WalletId.class, WalletIdMixin.class);
        setMixInAnnotation(OrganisationId.class, OrganisationIdMixin.class);
        setMixInAnnotation(Threshold.class, ThresholdMixin.class);
    }

    abstract static class WalletIdMixin {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        WalletIdMixin(UUID value) {
        }

        @JsonValue
        abstract UUID value();
    }

    abstract static class OrganisationIdMixin {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        OrganisationIdMixin(String value) {
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
}
