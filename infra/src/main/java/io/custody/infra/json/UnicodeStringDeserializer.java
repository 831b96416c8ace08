package io.custody.infra.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads strings as Jackson does, then refuses any with an unpaired UTF-16 surrogate ({@code "\ud800"} is valid JSON
 * syntax but no Unicode text). Such a string cannot be encoded in UTF-8, so PostgreSQL and every other system it
 * reaches would store or show it as {@code ?}: the client would read back something other than what it sent.
 */
final class UnicodeStringDeserializer extends StdScalarDeserializer<String> {

    UnicodeStringDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String text = StringDeserializer.instance.deserialize(parser, context);
        if (text != null && hasUnpairedSurrogate(text)) {
            throw new UnpairedSurrogateException(parser);
        }
        return text;
    }

    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
