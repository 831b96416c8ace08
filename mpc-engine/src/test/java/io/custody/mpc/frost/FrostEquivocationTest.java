package io.custody.mpc.frost;

import io.custody.mpc.ecdsa.fixtures.TestIdentities;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.custody.mpc.frost.FrostTestSupport.RANDOM;
import static io.custody.mpc.frost.FrostTestSupport.dkg;
import static io.custody.mpc.frost.FrostTestSupport.signers;
import static io.custody.mpc.frost.MaliciousPartyTest.honestPartiesBlame;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed messages, echoed receipts and round kinds in FROST signing (docs/adr/frost-006): a signer that shows its
 * peers different commitments is named by every honest signer, and never an honest one.
 */
class FrostEquivocationTest {

    static final Ciphersuite CS = Ed25519Sha512.INSTANCE;
    static final byte[] MSG = {9, 8, 7};
    static final List<Integer> ALL = List.of(1, 2, 3);
    static List<KeyShare> shares;

    @BeforeAll
    static void keys() {
        shares = dkg(CS, 2, 3);
    }

    /** Party 3's round-1 commitments from a second, independent start: the other version it shows party 2. */
    private static ProtocolMessage secondCommitmentOfParty3(String session) {
        return LocalRun.unsigned(new FrostSigningParty(session, shares.get(2), ALL, MSG, TestIdentities.keys(3), RANDOM)
                .start().get(0));
    }

    @Test
    void a_signer_showing_each_peer_other_commitments_is_named_by_every_honest_signer() {
        ProtocolMessage other = secondCommitmentOfParty3("eq-1");
        Map<Integer, Step<FrostSignature>> out = LocalRun.run(signers(shares, ALL, MSG, "eq-1"),
                (m, r) -> m.round() == 1 && m.from() == 3 && r == 2 ? other : m);
        honestPartiesBlame(out, 3, "commitment-echo");
    }

    @Test
    void commitments_sent_as_direct_messages_in_the_broadcast_round_are_refused_naming_their_sender() {
        ProtocolMessage other = secondCommitmentOfParty3("eq-2");
        // Before round kinds were enforced, party 3 could hand each peer its own version point to point.
        Map<Integer, Step<FrostSignature>> out = LocalRun.run(signers(shares, ALL, MSG, "eq-2"), (m, r) -> {
            if (m.round() != 1 || m.from() != 3) return m;
            ProtocolMessage version = r == 2 ? other : m;
            return new ProtocolMessage(m.sessionId(), m.protocol(), 1, 3, r, version.payload());
        });
        honestPartiesBlame(out, 3, "message-kind");
    }

    @Test
    void an_echo_that_misreports_a_commitment_names_the_echoer_not_the_sender() {
        // Party 2's round-2 echo carries a receipt of party 3's commitments with one digest byte changed, which
        // party 3 never signed: the honest parties name party 2.
        Map<Integer, Step<FrostSignature>> out = LocalRun.run(signers(shares, ALL, MSG, "eq-3"), (m, r) -> {
            if (m.round() != 2 || m.from() != 2) return m;
            byte[] p = m.payload();
            p[1 + 32 + 2 * 96] ^= 1; // version, share (32 bytes), then receipts of parties 1, 2, 3 (96 bytes each)
            return LocalRun.withPayload(m, p);
        });
        honestPartiesBlame(out, 2, "commitment-echo");
    }

    @Test
    void a_message_whose_signature_does_not_verify_is_refused_naming_its_claimed_sender() {
        Map<Integer, Step<FrostSignature>> out = LocalRun.runOnWire(signers(shares, ALL, MSG, "eq-4"), (m, r) -> {
            if (m.round() != 1 || m.from() != 1) return m;
            byte[] p = m.payload();
            p[p.length - 1] ^= 1;
            return LocalRun.withPayload(m, p);
        });
        honestPartiesBlame(out, 1, "message-signature");
    }

    @Test
    void a_message_signed_by_another_partys_key_is_refused() {
        Map<Integer, Step<FrostSignature>> out = LocalRun.runOnWire(signers(shares, ALL, MSG, "eq-5"), (m, r) -> {
            if (m.round() != 1 || m.from() != 1) return m;
            return io.custody.mpc.ecdsa.round.MessageSignatures.sign(LocalRun.unsigned(m),
                    TestIdentities.privateKey(2), io.custody.mpc.ecdsa.round.MessageSignatures.FROST_CONTEXT);
        });
        honestPartiesBlame(out, 1, "message-signature");
    }

    @Test
    void an_exact_retransmission_of_a_finished_rounds_message_is_ignored() {
        List<FrostSigningParty> parties = signers(shares, List.of(1, 2), MSG, "eq-6");
        FrostSigningParty one = parties.get(0);
        FrostSigningParty two = parties.get(1);
        ProtocolMessage oneR1 = one.start().get(0);
        ProtocolMessage twoR1 = two.start().get(0);
        Step<FrostSignature> afterRound1 = one.receive(twoR1);
        assertThat(afterRound1).isInstanceOf(Step.Continue.class);
        assertThat(one.receive(twoR1)).as("round 1 is over at party 1; the copy is dropped, nobody blamed")
                .isInstanceOfSatisfying(Step.Continue.class, c -> assertThat(c.outgoing()).isEmpty());
        ProtocolMessage twoR2 = ((Step.Continue<FrostSignature>) two.receive(oneR1)).outgoing().get(0);
        assertThat(one.receive(twoR2)).isInstanceOf(Step.Done.class);
    }

    @Test
    void a_second_signed_version_of_a_finished_rounds_message_is_equivocation() {
        List<FrostSigningParty> parties = signers(shares, List.of(1, 2), MSG, "eq-7");
        FrostSigningParty one = parties.get(0);
        one.start();
        one.receive(parties.get(1).start().get(0));
        ProtocolMessage second = new FrostSigningParty("eq-7", shares.get(1), List.of(1, 2), MSG,
                TestIdentities.keys(2), RANDOM).start().get(0);
        assertThat(one.receive(second)).isInstanceOfSatisfying(Step.Abort.class, a -> {
            assertThat(a.culprit()).isEqualTo(2);
            assertThat(a.check()).isEqualTo("equivocation");
        });
    }

    @Test
    void a_fault_of_the_partys_own_code_blames_nobody() {
        RoundBasedParty<String> broken = new RoundBasedParty<>(CS, "bug", CS.protocolName(), 1, List.of(2),
                TestIdentities.keys(1)) {
            @Override
            protected boolean isBroadcastRound(int round) {
                return true;
            }

            @Override
            protected List<ProtocolMessage> firstRound() {
                return List.of(broadcast(1, new byte[] {1}));
            }

            @Override
            protected int lastRound() {
                return 1;
            }

            @Override
            protected List<ProtocolMessage> process(int round, java.util.SortedMap<Integer, byte[]> payloads) {
                throw new IllegalStateException("a bug of party 1, not a fault of party 2's message");
            }

            @Override
            protected void destroySecrets() {
            }
        };
        broken.start();
        ProtocolMessage fromTwo = io.custody.mpc.ecdsa.round.MessageSignatures.sign(
                new ProtocolMessage("bug", CS.protocolName(), 1, 2, ProtocolMessage.BROADCAST, new byte[] {2}),
                TestIdentities.privateKey(2), io.custody.mpc.ecdsa.round.MessageSignatures.FROST_CONTEXT);
        assertThat(broken.receive(fromTwo)).isInstanceOfSatisfying(Step.Abort.class, a -> {
            assertThat(a.culprit()).isZero();
            assertThat(a.check()).isEqualTo("internal-error");
        });
    }
}
