package io.custody.infra.embedded;

/** The embedded data directory is held by someone else, or cannot be proven free; the start was refused at once. */
public final class EmbeddedPostgresInUseException extends IllegalStateException {

    private final String why;
    private final String whatToDo;

    EmbeddedPostgresInUseException(String why, String whatToDo) {
        super("cannot start the embedded PostgreSQL: " + why + ". What to do: " + whatToDo + ".");
        this.why = why;
        this.whatToDo = whatToDo;
    }

    public String why() {
        return why;
    }

    public String whatToDo() {
        return whatToDo;
    }
}
