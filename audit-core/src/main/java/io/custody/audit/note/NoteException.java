package io.custody.audit.note;

/** A note, checkpoint or proof bundle that is malformed or does not verify; the message says which check failed. */
public class NoteException extends Exception {

    public NoteException(String message) {
        super(message);
    }
}
