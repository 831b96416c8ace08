package io.custody.audit.tool;

import tools.jackson.databind.json.JsonMapper;

/** The tool's JSON writer for {@code --json} output. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
