package io.custody.audit.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signed notes and checkpoints as C2SP writes them, and every way a forged or malformed one is refused. */
class SignedNoteTest {

    // The example key and note of the signed-note reference implementation (Go's golang.org/x/mod/sumdb/note).
    private static final String EXAMPLE_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String EXAMPLE_SKEY_BASE64 = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String EXAMPLE_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String EXAMPLE_NOTE = EXAMPLE_TEXT + "\n\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    private static final String ORIGIN = "custody.example/audit";
    private final NoteSigner signer = NoteSigner.generate(ORIGIN, new SecureRandom());

    @Test
    void the_reference_example_key_id_signature_and_verification_match() throws Exception {
        NoteKey key = NoteKey.parse(EXAMPLE_VKEY);
        assertThat(key.keyId()).isEqualTo(0xc74f20a3);
        assertThat(key.verifierKey()).isEqualTo(EXAMPLE_VKEY);
        byte[] seed = Arrays.copyOfRange(Base64.getDecoder().decode(EXAMPLE_SKEY_BASE64), 1, 33);
        NoteSigner example = new NoteSigner("PeterNeumann", seed);
        assertThat(example.key().verifierKey()).isEqualTo(EXAMPLE_VKEY);
        assertThat(example.sign(EXAMPLE_TEXT)).isEqualTo(EXAMPLE_NOTE);
        assertThat(SignedNote.parse(EXAMPLE_NOTE).verifiedText(key)).isEqualTo(EXAMPLE_TEXT);
    }

    @Test
    void a_checkpoint_round_trips_through_its_signed_note() throws Exception {
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 42, new byte[32]);
        String note = signer.sign(checkpoint.body());
        assertThat(note).startsWith(ORIGIN + "\n42\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n\u2014 " + ORIGIN + " ");
        Checkpoint verified = Checkpoint.verify(note, signer.key(), ORIGIN);
        assertThat(verified.size()).isEqualTo(42);
        assertThat(verified.rootHash()).isEqualTo(new byte[32]);
    }

    @Test
    void a_forged_signature_is_refused() {
        String note = signer.sign(new Checkpoint(ORIGIN, 7, new byte[32]).body());
        int at = note.lastIndexOf(' ') + 10;
        char flipped = note.charAt(at) == 'A' ? 'B' : 'A';
        String forged = note.substring(0, at) + flipped + note.substring(at + 1);
        assertThatThrownBy(() -> Checkpoint.verify(forged, signer.key(), ORIGIN))
                .isInstanceOf(NoteException.class).hasMessageContaining("does not verify");
    }

    @Test
    void a_changed_text_under_a_valid_signature_is_refused() {
        String note = signer.sign(new Checkpoint(ORIGIN, 7, new byte[32]).body());
        String changed = note.replaceFirst("\n7\n", "\n8\n");
        assertThatThrownBy(() -> Checkpoint.verify(changed, signer.key(), ORIGIN))
                .isInstanceOf(NoteException.class).hasMessageContaining("does not verify");
    }

    @Test
    void a_signature_line_with_the_wrong_key_id_is_not_taken_for_the_key() {
        String note = signer.sign(new Checkpoint(ORIGIN, 7, new byte[32]).body());
        String line = note.substring(note.lastIndexOf(' ') + 1, note.length() - 1);
        byte[] decoded = Base64.getDecoder().decode(line);
        ByteBuffer.wrap(decoded).putInt(signer.key().keyId() ^ 1);
        String wrongId = note.replace(line, Base64.getEncoder().encodeToString(decoded));
        assertThatThrownBy(() -> Checkpoint.verify(wrongId, signer.key(), ORIGIN))
                .isInstanceOf(NoteException.class).hasMessageContaining("no signature of the key");
    }

    @Test
    void a_note_signed_by_another_key_of_the_same_name_is_refused() {
        NoteSigner impostor = NoteSigner.generate(ORIGIN, new SecureRandom());
        String note = impostor.sign(new Checkpoint(ORIGIN, 7, new byte[32]).body());
        assertThatThrownBy(() -> Checkpoint.verify(note, signer.key(), ORIGIN))
                .isInstanceOf(NoteException.class).hasMessageContaining("no signature of the key");
    }

    @Test
    void a_checkpoint_of_another_origin_is_refused() {
        NoteSigner other = NoteSigner.generate("other.example/log", new SecureRandom());
        String note = other.sign(new Checkpoint("other.example/log", 7, new byte[32]).body());
        assertThatThrownBy(() -> Checkpoint.verify(note, other.key(), ORIGIN))
                .isInstanceOf(NoteException.class).hasMessageContaining("not " + ORIGIN);
    }

    @Test
    void malformed_notes_and_checkpoints_are_refused() {
        String good = signer.sign(new Checkpoint(ORIGIN, 7, new byte[32]).body());
        assertThatThrownBy(() -> SignedNote.parse(good.replace("\n\n", "\n"))).isInstanceOf(NoteException.class);
        assertThatThrownBy(() -> SignedNote.parse(good.replace("\u2014", "--"))).isInstanceOf(NoteException.class);
        assertThatThrownBy(() -> SignedNote.parse(good.substring(0, good.length() - 1)))
                .isInstanceOf(NoteException.class);
        assertThatThrownBy(() -> SignedNote.parse(good.replace("7\n", "7\u0001\n"))).isInstanceOf(NoteException.class);
        assertThatThrownBy(() -> Checkpoint.parse(ORIGIN + "\n07\n" + "A".repeat(43) + "=\n"))
                .isInstanceOf(NoteException.class).hasMessageContaining("leading zeros");
        assertThatThrownBy(() -> Checkpoint.parse(ORIGIN + "\n7\nAAAA\n")).isInstanceOf(NoteException.class);
        assertThatThrownBy(() -> Checkpoint.parse(ORIGIN + "\n7\n")).isInstanceOf(NoteException.class);
        assertThatThrownBy(() -> NoteKey.parse("name+00000000+" + Base64.getEncoder().encodeToString(
                copyWithType(signer.key().publicKey())))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id does not match");
        assertThatThrownBy(() -> signer.sign("no newline")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] copyWithType(byte[] publicKey) {
        byte[] typed = new byte[33];
        typed[0] = 1;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        return typed;
    }
}
