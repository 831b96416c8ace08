package io.custody.audit.record;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The text of a few top-level fields of a stored JSON object, read from the parser's tokens without building a tree
 * of the whole document: an audit record needs at most six fields of an event's payload or metadata, and building
 * both trees was most of the replay tool's time per record.
 *
 * <p>The answer is the one {@link #fromTree} gives for the tree the mapper would build, which stays the definition:
 * a string field's text; a repeated field's last value (as the mapper's tree keeps it); any other value (number,
 * boolean, object, array) read as a tree from the parser and taken as {@link #fromTree} takes it. Every token of the
 * document is still read, so malformed JSON is refused as before. Whatever the token reading does not handle, a
 * document that is not an object, has trailing content or fails to parse, is handed to the tree, which then decides
 * (returns what it returned before, or throws what it threw before).
 */
final class JsonFields {

    private JsonFields() {
    }

    /** The fields {@code names} of the JSON text {@code json}; a {@code null} name gives a {@code null} value. */
    static String[] of(JsonMapper mapper, String json, String... names) {
        try (JsonParser parser = mapper.createParser(json)) {
            String[] values = stream(parser, names);
            if (values != null) {
                return values;
            }
        } catch (JacksonException notStreamable) {
            // the tree below reads the same text and throws what it always threw for it
        }
        return fromTree(mapper.readTree(json), names);
    }

    /** The fields {@code names} of the JSON bytes {@code json}; absent or empty bytes are an empty object. */
    static String[] of(JsonMapper mapper, byte[] json, String... names) {
        if (json == null || json.length == 0) {
            return new String[names.length];
        }
        try (JsonParser parser = mapper.createParser(json)) {
            String[] values = stream(parser, names);
            if (values != null) {
                return values;
            }
        } catch (JacksonException notStreamable) {
            // as above
        }
        return fromTree(mapper.readTree(json), names);
    }

    /** The definition: each field of the tree as {@link AuditRecordFactory#field} reads it. */
    static String[] fromTree(JsonNode tree, String... names) {
        String[] values = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = AuditRecordFactory.field(tree, names[i]);
        }
        return values;
    }

    /** The fields from the tokens, or {@code null} when the document is not one object and nothing after it. */
    private static String[] stream(JsonParser parser, String[] names) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String[] values = new String[names.length];
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            boolean read = false;
            String text = null;
            for (int i = 0; i < names.length; i++) {
                if (name.equals(names[i])) {
                    if (!read) {
                        text = value == JsonToken.VALUE_STRING ? parser.getString()
                                : AuditRecordFactory.text(parser.readValueAsTree());
                        read = true;
                    }
                    values[i] = text;
                }
            }
            if (!read) {
                parser.skipChildren();
            }
        }
        if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
            return null;
        }
        return values;
    }
}
