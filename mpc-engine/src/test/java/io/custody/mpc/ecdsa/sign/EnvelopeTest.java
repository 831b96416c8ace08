package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.fixtures.TestIdentities;
import io.custody.mpc.ecdsa.round.MessageSignatures;
import io.custody.mpc.ecdsa.fixtures.SharedKeys;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The envelope checks every ECDSA party runs before it reads a payload (shown on a presigning party 1 of {1,2,3}). */
class EnvelopeTest {

    private static final List<Integer> SIGNERS = List.of(1, 2, 3);

    private static PresignParty party() {
        PresignParty p = new PresignParty("env", SharedKeys.threeOfFive().get(0), SIGNERS, TestIdentities.keys(1),
                TestRandom.seeded(5));
        p.start();
        return p;
    }

    private static String check(Step<Presignature> step) {
        assertThat(step).isInstanceOf(Step.Abort.class);
        return ((Step.Abort<Presignature>) step).check();
    }

    /** A message properly signed by its claimed sender. */
    private static ProtocolMessage msg(String session, String protocol, int round, int from, int to, byte[] payload) {
        return MessageSignatures.sign(new ProtocolMessage(session, protocol, round, from, to, payload),
                TestIdentities.privateKey(from));
    }

    @Test
    void rejects_a_message_whose_signature_does_not_verify() {
        ProtocolMessage signed = msg("env", PresignParty.PROTOCOL, 1, 2, 0, new byte[] {1, 2, 3});
        byte[] payload = signed.payload();
        payload[0] ^= 1;
        Step<Presignature> step = party().receive(new ProtocolMessage("env", PresignParty.PROTOCOL, 1, 2, 0, payload));
        assertThat(check(step)).isEqualTo("envelope.signature");
        assertThat(((Step.Abort<Presignature>) step).culprit()).isEqualTo(2);
        assertThat(check(party().receive(new ProtocolMessage("env", PresignParty.PROTOCOL, 1, 2, 0, new byte[10]))))
                .as("too short to carry a signature").isEqualTo("envelope.signature");
    }

    @Test
    void rejects_a_message_signed_with_another_partys_key() {
        ProtocolMessage byThree = MessageSignatures.sign(
                new ProtocolMessage("env", PresignParty.PROTOCOL, 1, 2, 0, new byte[] {1}), TestIdentities.privateKey(3));
        assertThat(check(party().receive(byThree))).isEqualTo("envelope.signature");
    }

    @Test
    void rejects_a_signature_made_for_another_round_or_recipient() {
        ProtocolMessage round2 = msg("env", PresignParty.PROTOCOL, 2, 2, 0, new byte[] {1});
        assertThat(check(party().receive(new ProtocolMessage("env", PresignParty.PROTOCOL, 1, 2, 0,
                round2.payload())))).isEqualTo("envelope.signature");
    }

    @Test
    void rejects_a_point_to_point_message_in_a_broadcast_round() {
        assertThat(check(party().receive(msg("env", PresignParty.PROTOCOL, 1, 2, 1, new byte[] {1}))))
                .isEqualTo("envelope.kind");
    }

    @Test
    void rejects_messages_of_another_session_or_protocol() {
        assertThat(check(party().receive(msg("other", PresignParty.PROTOCOL, 1, 2, 0, new byte[1]))))
                .isEqualTo("envelope.session");
        assertThat(check(party().receive(msg("env", SignParty.PROTOCOL, 1, 2, 0, new byte[1]))))
                .isEqualTo("envelope.protocol");
    }

    @Test
    void rejects_a_sender_outside_the_signing_set_and_a_message_for_someone_else() {
        assertThat(check(party().receive(msg("env", PresignParty.PROTOCOL, 1, 4, 0, new byte[1]))))
                .isEqualTo("envelope.sender");
        assertThat(check(party().receive(msg("env", PresignParty.PROTOCOL, 1, 1, 0, new byte[1]))))
                .isEqualTo("envelope.sender");
        assertThat(check(party().receive(msg("env", PresignParty.PROTOCOL, 1, 2, 3, new byte[1]))))
                .isEqualTo("envelope.recipient");
    }

    @Test
    void rejects_a_round_beyond_the_protocol_and_two_different_messages_for_one_round() {
        assertThat(check(party().receive(msg("env", PresignParty.PROTOCOL, 5, 2, 0, new byte[1]))))
                .isEqualTo("envelope.round");
        PresignParty p = party();
        assertThat(p.receive(msg("env", PresignParty.PROTOCOL, 1, 2, 0, new byte[] {1})))
                .isInstanceOf(Step.Continue.class);
        assertThat(p.receive(msg("env", PresignParty.PROTOCOL, 1, 2, 0, new byte[] {1})))
                .as("an identical retransmission is harmless").isInstanceOf(Step.Continue.class);
        assertThat(check(p.receive(msg("env", PresignParty.PROTOCOL, 1, 2, 0, new byte[] {2}))))
                .isEqualTo("envelope.equivocation");
    }

    @Test
    void an_aborted_party_accepts_nothing_more() {
        PresignParty p = party();
        p.receive(msg("other", PresignParty.PROTOCOL, 1, 2, 0, new byte[1]));
        assertThatThrownBy(() -> p.receive(msg("env", PresignParty.PROTOCOL, 1, 3, 0, new byte[1])))
                .isInstanceOf(IllegalStateException.class);
    }
}
