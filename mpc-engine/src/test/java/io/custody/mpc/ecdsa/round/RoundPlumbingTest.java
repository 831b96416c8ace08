package io.custody.mpc.ecdsa.round;

import io.custody.mpc.ecdsa.fixtures.TestIdentities;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The ECDSA round plumbing on a toy two-round protocol: retransmissions, equivocation, own faults, echo receipts. */
class RoundPlumbingTest {

    static final String SESSION = "plumbing-1";
    static final String PROTOCOL = "toy/1";

    /** Two broadcast rounds; round 2 fails with an exception of the party's own when {@code buggy}. */
    static final class Toy extends RoundBasedParty<String> {
        final boolean buggy;

        Toy(int self, boolean buggy) {
            super(SESSION, PROTOCOL, self, List.of(1, 2), TestIdentities.keys(self));
            this.buggy = buggy;
        }

        @Override
        protected List<ProtocolMessage> firstRound() {
            return List.of(broadcast(1, new byte[] {(byte) self}));
        }

        @Override
        protected List<ProtocolMessage> process(int round, SortedMap<Integer, byte[]> payloads) {
            if (round == 2 && buggy) throw new IllegalStateException("bug");
            return round == 1 ? List.of(broadcast(2, new byte[] {(byte) (10 + self)})) : List.of();
        }

        @Override
        protected int lastRound() {
            return 2;
        }

        @Override
        protected boolean isBroadcastRound(int round) {
            return true;
        }

        @Override
        protected String result() {
            return "done";
        }

        @Override
        protected void discardSecrets() {
        }

        ReceiptBook.Disagreement echoCheck(int echoer, List<Receipt> echo) {
            try {
                checkEcho(echoer, 1, echo, "toy.echo");
                return null;
            } catch (AbortSignal a) {
                return new ReceiptBook.Disagreement(a.culprit(), a.detail());
            }
        }
    }

    private static ProtocolMessage signedBy(int party, int round, byte[] payload) {
        return MessageSignatures.sign(new ProtocolMessage(SESSION, PROTOCOL, round, party, ProtocolMessage.BROADCAST,
                payload), TestIdentities.privateKey(party));
    }

    @Test
    void an_exact_retransmission_of_a_processed_round_is_ignored_and_blames_nobody() {
        Toy one = new Toy(1, false);
        one.start();
        ProtocolMessage fromTwo = new Toy(2, false).start().get(0);
        assertThat(one.receive(fromTwo)).isInstanceOf(Step.Continue.class);
        assertThat(one.receive(fromTwo)).isInstanceOfSatisfying(Step.Continue.class,
                c -> assertThat(c.outgoing()).isEmpty());
        assertThat(one.receive(signedBy(2, 2, new byte[] {12}))).isInstanceOf(Step.Done.class);
    }

    @Test
    void a_second_signed_message_for_a_processed_round_is_equivocation() {
        Toy one = new Toy(1, false);
        one.start();
        one.receive(new Toy(2, false).start().get(0));
        assertThat(one.receive(signedBy(2, 1, new byte[] {99}))).isInstanceOfSatisfying(Step.Abort.class, a -> {
            assertThat(a.culprit()).isEqualTo(2);
            assertThat(a.check()).isEqualTo("envelope.equivocation");
        });
    }

    @Test
    void a_late_unsigned_copy_of_a_processed_round_is_a_round_fault_not_equivocation() {
        Toy one = new Toy(1, false);
        one.start();
        one.receive(new Toy(2, false).start().get(0));
        ProtocolMessage forged = MessageSignatures.sign(new ProtocolMessage(SESSION, PROTOCOL, 1, 2,
                ProtocolMessage.BROADCAST, new byte[] {99}), TestIdentities.privateKey(3));
        assertThat(one.receive(forged)).isInstanceOfSatisfying(Step.Abort.class,
                a -> assertThat(a.check()).isEqualTo("envelope.round"));
    }

    @Test
    void an_exception_of_the_partys_own_code_ends_the_run_blaming_nobody() {
        Toy one = new Toy(1, true);
        one.start();
        one.receive(new Toy(2, false).start().get(0));
        assertThat(one.receive(signedBy(2, 2, new byte[] {12}))).isInstanceOfSatisfying(Step.Abort.class, a -> {
            assertThat(a.culprit()).isZero();
            assertThat(a.check()).isEqualTo("internal-error");
        });
    }

    @Test
    void an_echoed_receipt_with_the_right_digest_but_a_forged_signature_names_the_echoer() {
        Toy one = new Toy(1, false);
        ProtocolMessage mine = one.start().get(0);
        ProtocolMessage fromTwo = new Toy(2, false).start().get(0);
        one.receive(fromTwo);
        Receipt r1 = new Receipt(MessageSignatures.digest(MessageSignatures.payload(mine)), MessageSignatures.signature(mine));
        Receipt r2 = new Receipt(MessageSignatures.digest(MessageSignatures.payload(fromTwo)),
                MessageSignatures.signature(fromTwo));
        assertThat(one.echoCheck(2, List.of(r1, r2))).isNull();
        byte[] badSig = r1.signature();
        badSig[7] ^= 1;
        assertThat(one.echoCheck(2, List.of(new Receipt(r1.digest(), badSig), r2)))
                .satisfies(d -> assertThat(d.culprit()).isEqualTo(2));
        byte[] otherDigest = r1.digest();
        otherDigest[0] ^= 1;
        assertThat(one.echoCheck(2, List.of(new Receipt(otherDigest, r1.signature()), r2)))
                .satisfies(d -> assertThat(d.culprit()).isEqualTo(2));
    }
}
