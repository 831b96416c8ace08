package io.custody.audit.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A C2SP signed note: a text ending in a newline, a blank line, and signature lines
 * {@code "— <key name> <base64(key id || signature)>"}. Parsing checks the syntax; {@link #verifiedText} accepts
 * the note only when a line of the trusted key (same name and key id) carries a valid signature over the text.
 */
public record SignedNote(String text, List<Signature> signatures) {

    static final String SIGNATURE_PREFIX = "\u2014 ";
    private static final int MAX_SIGNATURES = 100;

    public record Signature(String keyName, int keyId, byte[] signature) {
    }

    public SignedNote {
        signatures = List.copyOf(signatures);
    }

    public static SignedNote parse(String note) throws NoteException {
        if (note == null) {
            throw new NoteException("no note");
        }
        checkCharacters(note);
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new NoteException("a signed note has a blank line between its text and its signatures");
        }
        String text = note.substring(0, split + 1);
        String signatureBlock = note.substring(split + 2);
        if (!signatureBlock.endsWith("\n")) {
            throw new NoteException("the last signature line must end in a newline");
        }
        List<Signature> signatures = new ArrayList<>();
        for (String line : signatureBlock.substring(0, signatureBlock.length() - 1).split("\n", -1)) {
            signatures.add(parseSignatureLine(line));
        }
        if (signatures.size() > MAX_SIGNATURES) {
            throw new NoteException("more than " + MAX_SIGNATURES + " signatures");
        }
        return new SignedNote(text, signatures);
    }

    private static Signature parseSignatureLine(String line) throws NoteException {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new NoteException("a signature line starts with an em dash and a space");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
            throw new NoteException("a signature line is \u2014 <key name> <base64 signature>");
        }
        String name = rest.substring(0, space);
        if (!NoteKey.validName(name)) {
            throw new NoteException("invalid key name in a signature line");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(rest.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new NoteException("a signature is not valid base64");
        }
        if (decoded.length < 5) {
            throw new NoteException("a signature holds a 4-byte key id and at least one byte of signature");
        }
        return new Signature(name, ByteBuffer.wrap(decoded, 0, 4).getInt(), Arrays.copyOfRange(decoded, 4,
                decoded.length));
    }

    /**
     * The text, once a signature of {@code key} verifies over it. As the spec requires, the first line with the key's
     * name and id decides: a bad signature there rejects the note. Lines of other keys are ignored.
     */
    public String verifiedText(NoteKey key) throws NoteException {
        for (Signature signature : signatures) {
            if (signature.keyName().equals(key.name()) && signature.keyId() == key.keyId()) {
                if (signature.signature().length != 64 || !ed25519Verifies(key, text, signature.signature())) {
                    throw new NoteException("the signature of " + key.name() + " does not verify");
                }
                return text;
            }
        }
        throw new NoteException("the note carries no signature of the key " + key.name() + " with key id "
                + String.format("%08x", key.keyId()));
    }

    private static boolean ed25519Verifies(NoteKey key, String text, byte[] signature) {
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(key.publicKey(), 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** A text that can be signed: non-empty, newline-terminated, no blank line, no control characters but newline. */
    static void checkText(String text) {
        if (text == null || text.isEmpty() || !text.endsWith("\n") || text.contains("\n\n")) {
            throw new IllegalArgumentException("a note text is non-empty, ends in a newline and has no blank line");
        }
        try {
            checkCharacters(text);
        } catch (NoteException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static void checkCharacters(String note) throws NoteException {
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if ((c < 0x20 && c != '\n') || Character.isSurrogate(c) && !validSurrogateAt(note, i)) {
                throw new NoteException("a note has no control characters other than newline and is valid UTF-8");
            }
        }
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
