package io.custody.infra.json;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * How request bodies are read: every value must have the JSON type its field declares. Jackson's defaults would store
 * {@code true} as the name {@code "true"}, {@code 2.5} as the threshold 2 and {@code "2"} as the number 2, so a client's
 * mistake would become data instead of an answer it can act on. Duplicate keys are refused for the same reason (which
 * of the two did the client mean?), and so are strings that are not Unicode text (see
 * {@link UnicodeStringDeserializer}).
 *
 * <p>Only the web layer's decoder uses these rules. The event store and the projections read JSON this application
 * wrote itself, with Axon's own mapper or the shared one, and stay as they are.
 */
public final class StrictJsonInput {

    private StrictJsonInput() {
    }

    /** A copy of {@code mapper} (modules, mix-ins, naming) that reads strictly. */
    public static JsonMapper strict(JsonMapper mapper) {
        return mapper.rebuild()
                // "2" for a number, 1 for a boolean
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // 2.5 or 2.0 for an integer
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // numbers and booleans for a string, which ALLOW_COERCION_OF_SCALARS does not cover
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .addModule(new SimpleModule("custody-unicode-text")
                        .addDeserializer(String.class, new UnicodeStringDeserializer()))
                .build();
    }
}
