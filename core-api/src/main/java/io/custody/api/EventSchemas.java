package io.custody.api;

import java.io.InputStream;

/**
 * Where the JSON Schemas (draft 2020-12) of the published events are: one per {@link EventCatalog} entry for the
 * {@code data} of its CloudEvents message, named {@code <name>.schema.json} with {@code $id}
 * {@code urn:custody:event-schema:<name>/<revision>} (the message's {@code dataschema}), and one for the envelope,
 * {@value #ENVELOPE}. Tests check them against what the analytics stream actually sends.
 */
public final class EventSchemas {

    public static final String DIRECTORY = "/io/custody/api/schema/events/";
    public static final String ENVELOPE = "cloudevent";

    private EventSchemas() {
    }

    /** The class-path resource of the schema named {@code name} (an event's name, or {@link #ENVELOPE}). */
    public static String resource(String name) {
        return DIRECTORY + name + ".schema.json";
    }

    /** The schema's text, or {@code null} if there is none of that name. */
    public static InputStream open(String name) {
        return EventSchemas.class.getResourceAsStream(resource(name));
    }
}
