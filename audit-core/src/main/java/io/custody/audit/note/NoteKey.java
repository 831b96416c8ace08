package io.custody.audit.note;

import io.custody.audit.record.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A signed-note verifier key for Ed25519 (C2SP signed-note): a key name and a 32-byte public key. Its key id is the
 * first four bytes of {@code SHA-256(name || 0x0A || 0x01 || public key)}, {@code 0x01} being Ed25519's signature
 * type; its text form is {@code <name>+<hex key id>+<base64(0x01 || public key)>}.
 */
public final class NoteKey {

    static final byte ED25519 = 0x01;

    private final String name;
    private final byte[] publicKey;
    private final int keyId;

    public NoteKey(String name, byte[] publicKey) {
        if (!validName(name)) {
            throw new IllegalArgumentException("not a valid key name: it must be non-empty, without spaces or '+'");
        }
        if (publicKey == null || publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        this.name = name;
        this.publicKey = publicKey.clone();
        this.keyId = keyId(name, publicKey);
    }

    /** Parses {@code <name>+<hex key id>+<base64(0x01 || key)>} and checks that the key id matches. */
    public static NoteKey parse(String verifierKey) {
        String text = Objects.requireNonNull(verifierKey, "verifierKey").trim();
        int first = text.indexOf('+');
        // the base64 key may itself contain '+', so the key id is the 8 characters between the first two
        String[] parts = first < 0 || text.length() < first + 10 || text.charAt(first + 9) != '+' ? new String[0]
                : new String[] {text.substring(0, first), text.substring(first + 1, first + 9),
                        text.substring(first + 10)};
        if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("a verifier key is <name>+<8 hex digits>+<base64 key>");
        }
        byte[] typed;
        int declared;
        try {
            typed = Base64.getDecoder().decode(parts[2]);
            declared = (int) Long.parseLong(parts[1], 16);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed verifier key: " + e.getMessage());
        }
        if (typed.length != 33 || typed[0] != ED25519) {
            throw new IllegalArgumentException("only Ed25519 verifier keys (type 0x01, 32 bytes) are supported");
        }
        NoteKey key = new NoteKey(parts[0], Arrays.copyOfRange(typed, 1, 33));
        if (key.keyId != declared) {
            throw new IllegalArgumentException("the verifier key's id does not match its name and key");
        }
        return key;
    }

    static int keyId(String name, byte[] publicKey) {
        var digest = Sha256.digest();
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0x0A);
        digest.update(ED25519);
        digest.update(publicKey);
        return ByteBuffer.wrap(digest.digest(), 0, 4).getInt();
    }

    /** A name is non-empty UTF-8 without Unicode spaces or plus signs (and, in a note, no control characters). */
    static boolean validName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        return name.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '+'
                || c < 0x20 || c == 0x7F);
    }

    public String name() {
        return name;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public int keyId() {
        return keyId;
    }

    public String verifierKey() {
        byte[] typed = new byte[33];
        typed[0] = ED25519;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        return name + "+" + HexFormat.of().toHexDigits(keyId) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    @Override
    public String toString() {
        return verifierKey();
    }
}
