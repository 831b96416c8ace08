package io.custody.mpc.frost;

import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.custody.mpc.frost.FrostTestSupport.RANDOM;
import static io.custody.mpc.frost.FrostTestSupport.dkg;
import static io.custody.mpc.frost.FrostTestSupport.signers;
import static org.assertj.core.api.Assertions.assertThat;

/** One party misbehaves (through the adversary hook on its outgoing messages); the honest ones abort and name it. */
class MaliciousPartyTest {

    static final Ciphersuite CS = Ed25519Sha512.INSTANCE;
    static List<KeyShare> shares;
    static final byte[] MSG = {1, 2, 3, 4};
    static final List<Integer> ALL = List.of(1, 2, 3);

    @BeforeAll
    static void keys() {
        shares = dkg(CS, 2, 3);
    }

    static <R> void honestPartiesBlame(Map<Integer, Step<R>> out, int culprit, String check) {
        for (int i : out.keySet()) {
            if (i == culprit) {
                continue;
            }
            assertThat(out.get(i)).as("party " + i).isInstanceOfSatisfying(Step.Abort.class, a -> {
                assertThat(a.culprit()).isEqualTo(culprit);
                assertThat(a.check()).isEqualTo(check);
            });
        }
    }

    private static Map<Integer, Step<FrostSignature>> signWith(LocalRun.Adversary adversary) {
        return LocalRun.run(signers(shares, ALL, MSG, "sign"), adversary);
    }

    @Test
    void wrong_signature_share_is_rejected_naming_its_sender() {
        var out = signWith((m, r) -> {
            if (m.round() == 2 && m.from() == 2) {
                byte[] p = m.payload();
                BigInteger z = CS.deserializeScalar(java.util.Arrays.copyOfRange(p, 1, 33));
                return LocalRun.withPayload(m, FrostSigning.concat(new byte[] {1},
                        CS.serializeScalar(z.add(BigInteger.ONE)), java.util.Arrays.copyOfRange(p, 33, p.length)));
            }
            return m;
        });
        honestPartiesBlame(out, 2, "signature-share");
    }

    @Test
    void signature_share_not_reduced_modulo_the_order_is_rejected() {
        var out = signWith((m, r) -> m.round() == 2 && m.from() == 3
                ? LocalRun.withPayload(m, FrostSigning.concat(new byte[] {1}, filled(32, (byte) 0xff))) : m);
        honestPartiesBlame(out, 3, "signature-share-encoding");
    }

    @Test
    void commitment_copied_from_another_party_is_rejected_as_reuse() {
        ProtocolMessage[] fromOne = new ProtocolMessage[1];
        var out = signWith((m, r) -> {
            if (m.round() == 1 && m.from() == 1 && fromOne[0] == null) {
                fromOne[0] = m;
            }
            if (m.round() == 1 && m.from() == 3) {
                return LocalRun.withPayload(m, fromOne[0].payload());
            }
            return m;
        });
        honestPartiesBlame(out, 3, "commitment-reuse");
    }

    @Test
    void commitment_with_hiding_and_binding_swapped_is_caught_and_names_its_sender() {
        var out = signWith((m, r) -> {
            if (m.round() == 1 && m.from() == 2) {
                byte[] p = m.payload();
                byte[] swapped = FrostSigning.concat(new byte[] {1}, java.util.Arrays.copyOfRange(p, 33, 65),
                        java.util.Arrays.copyOfRange(p, 1, 33), java.util.Arrays.copyOfRange(p, 65, p.length));
                return LocalRun.withPayload(m, swapped);
            }
            return m;
        });
        // Party 2's own echo still carries the commitments it signed first, so the receipts already name it, before
        // its signature share would have failed verification.
        honestPartiesBlame(out, 2, "commitment-echo");
    }

    @Test
    void commitment_that_is_not_a_curve_point_is_rejected() {
        // y = 2 has no x on edwards25519.
        byte[] notOnCurve = new byte[32];
        notOnCurve[0] = 2;
        var out = signWith((m, r) -> m.round() == 1 && m.from() == 1
                ? LocalRun.withPayload(m, FrostSigning.concat(new byte[] {1}, notOnCurve, notOnCurve,
                        java.util.Arrays.copyOfRange(m.payload(), 65, m.payload().length))) : m);
        honestPartiesBlame(out, 1, "commitment-encoding");
    }

    @Test
    void small_order_commitment_is_rejected() {
        // (0, -1): y = p - 1, the point of order two.
        byte[] orderTwo = org.bouncycastle.util.encoders.Hex.decode(
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        var out = signWith((m, r) -> {
            if (m.round() == 1 && m.from() == 3) {
                byte[] p = m.payload();
                return LocalRun.withPayload(m, FrostSigning.concat(new byte[] {1}, java.util.Arrays.copyOfRange(p, 1, 33),
                        orderTwo, java.util.Arrays.copyOfRange(p, 65, p.length)));
            }
            return m;
        });
        honestPartiesBlame(out, 3, "commitment-encoding");
    }

    @Test
    void message_of_another_session_is_rejected() {
        var out = signWith((m, r) -> m.from() == 2
                ? new ProtocolMessage("other-session", m.protocol(), m.round(), m.from(), m.to(), m.payload()) : m);
        honestPartiesBlame(out, 2, "session-binding");
    }

    @Test
    void two_different_messages_for_one_round_are_equivocation() {
        FrostSigningParty honest = signers(shares, List.of(1, 2), MSG, "eq").get(0);
        honest.start();
        ProtocolMessage a = signers(shares, List.of(1, 2), MSG, "eq").get(1).start().get(0);
        ProtocolMessage b = signers(shares, List.of(1, 2), MSG, "eq").get(1).start().get(0);
        assertThat(honest.receive(a)).isInstanceOf(Step.Continue.class);
        assertThat(honest.receive(a)).as("an identical retransmission is harmless").isInstanceOf(Step.Continue.class);
        Step<FrostSignature> s = honest.receive(b);
        assertThat(s).isInstanceOfSatisfying(Step.Abort.class, x -> {
            assertThat(x.culprit()).isEqualTo(2);
            assertThat(x.check()).isEqualTo("equivocation");
        });
    }

    @Test
    void signer_given_another_message_is_caught_by_the_signing_context_check() {
        List<FrostSigningParty> parties = new ArrayList<>(signers(shares, List.of(1, 2), MSG, "ctx"));
        parties.set(1, new FrostSigningParty("ctx", shares.get(1), List.of(1, 2), new byte[] {6, 6, 6}, io.custody.mpc.ecdsa.fixtures.TestIdentities.keys(2), RANDOM));
        var out = LocalRun.run(parties);
        honestPartiesBlame(out, 2, "signing-context");
    }

    @Test
    void dkg_proof_of_knowledge_that_does_not_verify_names_the_prover() {
        var out = dkgWith((m, r) -> {
            if (m.round() == 1 && m.from() == 2) {
                byte[] p = m.payload();
                p[p.length - 5] ^= 1; // inside mu
                return LocalRun.withPayload(m, p);
            }
            return m;
        });
        honestPartiesBlame(out, 2, "dkg-proof-of-knowledge");
    }

    @Test
    void dkg_share_inconsistent_with_commitments_names_the_dealer() {
        var out = dkgWith((m, r) -> {
            if (m.round() == 2 && m.from() == 1 && r == 3) {
                byte[] p = m.payload();
                p[1] ^= 1;
                return LocalRun.withPayload(m, p);
            }
            return m;
        });
        assertThat(out.get(3)).isInstanceOfSatisfying(Step.Abort.class, a -> {
            assertThat(a.culprit()).isEqualTo(1);
            assertThat(a.check()).isEqualTo("dkg-share-verification");
        });
    }

    @Test
    void dkg_commitments_shown_differently_to_different_parties_name_the_party_that_signed_both() {
        // Party 1 shows party 3 a different, self-consistent round-1 message, signed like the first.
        FrostDkgParty other = new FrostDkgParty(CS, "dkg", 1, 2, 3, io.custody.mpc.ecdsa.fixtures.TestIdentities.keys(1), RANDOM);
        ProtocolMessage forged = LocalRun.unsigned(other.start().get(0));
        var out = dkgWith((m, r) -> m.round() == 1 && m.from() == 1 && r == 3 ? forged : m);
        // The echoes carry party 1's signatures of both versions, so both honest parties name party 1 and nobody
        // ends up with a key (before signed receipts, party 2 named the honest party 3 here).
        honestPartiesBlame(out, 1, "dkg-broadcast-echo");
    }

    @Test
    void dkg_with_too_few_commitments_is_rejected() {
        var out = dkgWith((m, r) -> {
            if (m.round() == 1 && m.from() == 3) {
                byte[] p = m.payload();
                p[2] = 1; // claims one commitment where the threshold needs two
                return LocalRun.withPayload(m, p);
            }
            return m;
        });
        honestPartiesBlame(out, 3, "dkg-commitment-encoding");
    }

    private static Map<Integer, Step<KeyShare>> dkgWith(LocalRun.Adversary adversary) {
        List<FrostDkgParty> parties = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            parties.add(new FrostDkgParty(CS, "dkg", i, 2, 3, io.custody.mpc.ecdsa.fixtures.TestIdentities.keys(i), RANDOM));
        }
        return LocalRun.run(parties, adversary);
    }

    static byte[] filled(int n, byte b) {
        byte[] out = new byte[n];
        java.util.Arrays.fill(out, b);
        return out;
    }
}
