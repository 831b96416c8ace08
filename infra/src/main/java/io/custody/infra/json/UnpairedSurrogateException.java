package io.custody.infra.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A JSON string holds an unpaired UTF-16 surrogate; the path of the exception names the field. */
public final class UnpairedSurrogateException extends MismatchedInputException {

    UnpairedSurrogateException(JsonParser parser) {
        super(parser, "string contains an unpaired UTF-16 surrogate", String.class);
    }
}
