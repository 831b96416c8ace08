package io.custody.mpc.ecdsa.dkg;

import io.custody.mpc.ecdsa.fixtures.TestIdentities;
import io.custody.mpc.ecdsa.round.MessageSignatures;
import io.custody.mpc.ecdsa.round.Receipt;
import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.fixtures.LocalNetwork;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.ecdsa.math.IntegerMath;
import io.custody.mpc.ecdsa.paillier.PaillierPublicKey;
import io.custody.mpc.ecdsa.paillier.PaillierSecretKey;
import io.custody.mpc.ecdsa.paillier.RingPedersen;
import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.ecdsa.zk.FacProof;
import io.custody.mpc.ecdsa.zk.ModProof;
import io.custody.mpc.ecdsa.zk.PrmProof;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;
import io.custody.mpc.ecdsa.zk.SecurityLevel;
import io.custody.mpc.transcript.ProofContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Party 2 of a 2-of-3 key generation misbehaves; parties 1 and 3 must abort naming party 2 and the check.
 * All moduli are 2048 bits, the subject of several of these tests.
 */
@Execution(ExecutionMode.CONCURRENT)
class KeygenAttackTest {

    private static final int EVIL = 2;
    private final SecureRandom random = TestRandom.seeded(99);

    private Map<Integer, Step<KeyShare>> run(String sid, PaillierSecretKey evilKey,
                                             Function<ProtocolMessage, List<ProtocolMessage>> tamper) {
        List<KeygenParty> parties = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            PaillierSecretKey key = i == EVIL && evilKey != null ? evilKey : FixturePrimes.paillier(i - 1);
            parties.add(KeygenParty.keygen(sid, i, 3, 1, key, TestIdentities.keys(i), TestRandom.seeded(500 + i)));
        }
        return new LocalNetwork<>(parties).tamper(tamper).run();
    }

    private static void assertHonestPartiesAbortNaming(Map<Integer, Step<KeyShare>> out, String check) {
        for (int honest : List.of(1, 3)) {
            assertThat(out.get(honest)).as("party " + honest).isInstanceOf(Step.Abort.class);
            Step.Abort<KeyShare> a = (Step.Abort<KeyShare>) out.get(honest);
            assertThat(a.culprit()).as("culprit seen by " + honest).isEqualTo(EVIL);
            assertThat(a.check()).as("check seen by " + honest).isEqualTo(check);
        }
    }

    /**
     * Rewrites party 2's reveal and re-commits to it, holding back its round-1 message until the reveal exists. A
     * re-commitment changes the run's joint randomness, so an untouched modulus proof is re-made for it with party 2's
     * key, as a cheater who commits to its forgery from the start would; the test's forgery is then the only fault.
     */
    private static Function<ProtocolMessage, List<ProtocolMessage>> rewriteReveal(String sid,
                                                                                   UnaryOperator<KeygenParty.Reveal> f) {
        ProtocolMessage[] held = new ProtocolMessage[1];
        Map<Integer, byte[]> commitments = new java.util.concurrent.ConcurrentHashMap<>();
        return m -> {
            if (m.from() != EVIL) {
                if (m.round() == 1) commitments.put(m.from(), new WireReader(m.payload(), "dkg.r1").bytes());
                return List.of(m);
            }
            if (m.round() == 1) {
                held[0] = m;
                return List.of();
            }
            if (m.round() != 2) return List.of(m);
            KeygenParty.Reveal original = KeygenParty.readReveal(m.payload());
            KeygenParty.Reveal forged = f.apply(original);
            byte[] v = KeygenParty.commitment(sid, KeygenParty.KEYGEN_PROTOCOL, SecurityLevel.BITS_112, EVIL,
                    forged.feldman(), forged.chainCode(), forged.salt(), forged.rp());
            ProtocolMessage r1 = new ProtocolMessage(sid, m.protocol(), 1, EVIL, 0,
                    new WireWriter("dkg.r1").bytes(v).integer(112).toBytes());
            commitments.put(EVIL, v);
            byte[] joint = KeygenParty.jointRandomness(sid, KeygenParty.KEYGEN_PROTOCOL, SecurityLevel.BITS_112,
                    List.of(1, 2, 3), commitments);
            ModProof mod = forged.mod() != original.mod() ? forged.mod() : ModProof.prove(FixturePrimes.paillier(EVIL - 1),
                    new ProofContext(sid, KeygenParty.KEYGEN_PROTOCOL, 2, EVIL, 0, SecurityLevel.BITS_112), joint,
                    TestRandom.seeded(77));
            List<Receipt> echo = new ArrayList<>(forged.echo());
            echo.set(EVIL - 1, MessageSignatures.receipt(r1, TestIdentities.privateKey(EVIL)));
            forged = new KeygenParty.Reveal(echo, forged.feldman(), forged.chainCode(), forged.salt(), forged.rp(),
                    forged.schnorr(), mod, forged.prm());
            return List.of(r1, new ProtocolMessage(sid, m.protocol(), 2, EVIL, 0, KeygenParty.encodeReveal(forged)));
        };
    }

    private static KeygenParty.Reveal withModulus(KeygenParty.Reveal r, BigInteger n) {
        return new KeygenParty.Reveal(r.echo(), r.feldman(), r.chainCode(), r.salt(),
                new RingPedersen(n, r.rp().s(), r.rp().t()), r.schnorr(), r.mod(), r.prm());
    }

    @Test
    void honest_parties_abort_on_a_modulus_with_small_factors_bitforge() {
        // A Blum modulus with a 20-bit factor passes Pi^mod and Pi^prm; only the no-small-factor proof catches it.
        BigInteger small = blumPrime(20);
        BigInteger large;
        do {
            large = blumPrime(2028);
        } while (small.multiply(large).bitLength() != 2048); // the level's exact size, so only the proof can tell
        var out = run("bitforge", new PaillierSecretKey(small, large), List::of);
        assertHonestPartiesAbortNaming(out, "fac.z-range");
    }

    @Test
    void honest_parties_abort_on_a_prime_modulus() {
        BigInteger prime = BigInteger.probablePrime(2048, random);
        var out = run("prime-n", null, rewriteReveal("prime-n", r -> withModulus(r, prime)));
        assertHonestPartiesAbortNaming(out, "mod.n-prime");
    }

    @Test
    void honest_parties_abort_on_a_prime_power_modulus() {
        BigInteger p = FixturePrimes.prime(30);
        var out = run("prime-power", null, rewriteReveal("prime-power", r -> withModulus(r, p.multiply(p))));
        assertHonestPartiesAbortNaming(out, "mod.n-square");
    }

    @Test
    void honest_parties_abort_on_a_modulus_proof_without_the_jacobi_condition() {
        BigInteger n = FixturePrimes.paillier(1).publicKey().n();
        BigInteger w;
        do {
            w = IntegerMath.unit(n, random);
        } while (IntegerMath.jacobi(w, n) != 1);
        BigInteger plusOne = w;
        var out = run("jacobi", null, rewriteReveal("jacobi", r -> new KeygenParty.Reveal(r.echo(), r.feldman(),
                r.chainCode(), r.salt(), r.rp(), r.schnorr(),
                new ModProof(plusOne, r.mod().x(), r.mod().a(), r.mod().b(), r.mod().z()), r.prm())));
        assertHonestPartiesAbortNaming(out, "mod.jacobi");
    }

    @Test
    void honest_parties_abort_on_a_ring_pedersen_proof_with_too_few_iterations() {
        var out = run("c-guess", null, rewriteReveal("c-guess", r -> new KeygenParty.Reveal(r.echo(), r.feldman(),
                r.chainCode(), r.salt(), r.rp(), r.schnorr(), r.mod(),
                new PrmProof(Arrays.copyOf(r.prm().forwardA(), 16), Arrays.copyOf(r.prm().forwardZ(), 16),
                        r.prm().backwardA(), r.prm().backwardZ()))));
        assertHonestPartiesAbortNaming(out, "prm.iterations");
    }

    @Test
    void honest_parties_abort_on_a_ring_pedersen_proof_missing_a_direction() {
        var out = run("c-forget", null, rewriteReveal("c-forget", r -> new KeygenParty.Reveal(r.echo(), r.feldman(),
                r.chainCode(), r.salt(), r.rp(), r.schnorr(), r.mod(),
                new PrmProof(r.prm().forwardA(), r.prm().forwardZ(), new BigInteger[0], new BigInteger[0]))));
        assertHonestPartiesAbortNaming(out, "prm.backward-direction");
    }

    @Test
    void honest_parties_abort_on_ring_pedersen_parameters_outside_each_others_group() {
        BigInteger n = FixturePrimes.paillier(1).publicKey().n();
        BigInteger s = IntegerMath.unit(n, random);
        var out = run("prm-forged", null, rewriteReveal("prm-forged", r -> new KeygenParty.Reveal(r.echo(),
                r.feldman(), r.chainCode(), r.salt(), new RingPedersen(n, s, r.rp().t()), r.schnorr(), r.mod(),
                r.prm())));
        assertHonestPartiesAbortNaming(out, "prm.forward");
    }

    @Test
    void honest_parties_abort_on_a_schnorr_proof_for_another_constant_term() {
        var out = run("rogue-key", null, rewriteReveal("rogue-key", r -> {
            var f = r.feldman().clone();
            f[0] = f[0].add(Secp256k1.G).normalize();
            return new KeygenParty.Reveal(r.echo(), f, r.chainCode(), r.salt(), r.rp(), r.schnorr(), r.mod(), r.prm());
        }));
        assertHonestPartiesAbortNaming(out, "schnorr.equation");
    }

    @Test
    void honest_parties_abort_when_an_opening_does_not_match_its_commitment() {
        var out = run("decommit", null, m -> {
            if (m.from() != EVIL || m.round() != 2) return List.of(m);
            KeygenParty.Reveal r = KeygenParty.readReveal(m.payload());
            byte[] chain = r.chainCode().clone();
            chain[0] ^= 1;
            var forged = new KeygenParty.Reveal(r.echo(), r.feldman(), chain, r.salt(), r.rp(), r.schnorr(), r.mod(),
                    r.prm());
            return List.of(new ProtocolMessage(m.sessionId(), m.protocol(), 2, EVIL, 0,
                    KeygenParty.encodeReveal(forged)));
        });
        assertHonestPartiesAbortNaming(out, "dkg.decommitment");
    }

    @Test
    void honest_parties_abort_on_an_inconsistent_echo_broadcast() {
        var out = run("echo", null, m -> {
            if (m.from() != EVIL || m.round() != 1) return List.of(m);
            byte[] other = new byte[32];
            Arrays.fill(other, (byte) 7);
            return List.of(new ProtocolMessage(m.sessionId(), m.protocol(), 1, EVIL, 1, m.payload()),
                    new ProtocolMessage(m.sessionId(), m.protocol(), 1, EVIL, 3,
                            new WireWriter("dkg.r1").bytes(other).integer(112).toBytes()));
        });
        assertHonestPartiesAbortNaming(out, "dkg.echo");
    }

    @Test
    void honest_parties_name_a_party_whose_echo_misreports_another_partys_message() {
        var out = run("echo-forged", null, m -> {
            if (m.from() != EVIL || m.round() != 2) return List.of(m);
            KeygenParty.Reveal r = KeygenParty.readReveal(m.payload());
            List<Receipt> echo = new ArrayList<>(r.echo());
            byte[] digest = echo.get(0).digest();
            digest[0] ^= 1;
            echo.set(0, new Receipt(digest, echo.get(0).signature()));
            KeygenParty.Reveal forged = new KeygenParty.Reveal(echo, r.feldman(), r.chainCode(), r.salt(), r.rp(),
                    r.schnorr(), r.mod(), r.prm());
            return List.of(new ProtocolMessage(m.sessionId(), m.protocol(), 2, EVIL, 0,
                    KeygenParty.encodeReveal(forged)));
        });
        // party 3 cannot see party 1's message through party 2's eyes, but the receipt party 2 shows is not signed
        // by party 1, so party 3 names party 2 as well (before signed receipts it had to name party 1)
        assertHonestPartiesAbortNaming(out, "dkg.echo");
    }

    @Test
    void honest_parties_abort_on_an_invalid_curve_point() {
        var out = run("bad-point", null, m -> {
            if (m.from() != EVIL || m.round() != 2) return List.of(m);
            KeygenParty.Reveal r = KeygenParty.readReveal(m.payload());
            byte[] payload = m.payload();
            byte[] good = Secp256k1.encode(r.feldman()[1]);
            int at = indexOf(payload, good);
            System.arraycopy(io.custody.mpc.ecdsa.fixtures.ForgedPoints.offCurve(), 0, payload, at, 33);
            return List.of(new ProtocolMessage(m.sessionId(), m.protocol(), 2, EVIL, 0, payload));
        });
        assertHonestPartiesAbortNaming(out, "point.invalid");
    }

    @Test
    void honest_party_aborts_on_a_wrong_feldman_share() {
        var out = run("feldman", null, m -> {
            if (m.from() != EVIL || m.round() != 3 || m.to() != 1) return List.of(m);
            WireReader in = new WireReader(m.payload(), "dkg.r3");
            in.big();
            FacProof fac = FacProof.read(in);
            PaillierPublicKey n1 = FixturePrimes.paillier(0).publicKey();
            WireWriter w = new WireWriter("dkg.r3").big(n1.encrypt(BigInteger.valueOf(42), n1.randomNonce(random)));
            fac.write(w);
            return List.of(new ProtocolMessage(m.sessionId(), m.protocol(), 3, EVIL, 1, w.toBytes()));
        });
        Step.Abort<KeyShare> a = (Step.Abort<KeyShare>) out.get(1);
        assertThat(a.culprit()).isEqualTo(EVIL);
        assertThat(a.check()).isEqualTo("dkg.feldman-share");
        assertThat(out.get(3)).isInstanceOf(Step.Done.class);
    }

    @Test
    void honest_party_aborts_on_a_message_of_another_session() {
        var out = run("session", null, m -> m.from() == EVIL && m.round() == 1
                ? List.of(new ProtocolMessage("other", m.protocol(), 1, EVIL, 0, m.payload())) : List.of(m));
        assertHonestPartiesAbortNaming(out, "envelope.session");
    }

    @Test
    void honest_party_aborts_on_a_malformed_payload() {
        var out = run("garbage", null, m -> m.from() == EVIL && m.round() == 1
                ? List.of(new ProtocolMessage(m.sessionId(), m.protocol(), 1, EVIL, 0, new byte[] {1, 2, 3}))
                : List.of(m));
        assertHonestPartiesAbortNaming(out, "payload.malformed");
    }

    @Test
    void honest_parties_abort_when_a_party_reuses_another_partys_modulus() {
        BigInteger stolen = FixturePrimes.paillier(0).publicKey().n();
        var out = run("reuse-n", null, rewriteReveal("reuse-n", r -> withModulus(r, stolen)));
        assertHonestPartiesAbortNaming(out, "dkg.modulus-reuse");
    }

    @Test
    void honest_parties_abort_when_the_proof_of_the_constant_term_is_missing() {
        var out = run("no-schnorr", null, rewriteReveal("no-schnorr", r -> new KeygenParty.Reveal(r.echo(),
                r.feldman(), r.chainCode(), r.salt(), r.rp(), null, r.mod(), r.prm())));
        assertHonestPartiesAbortNaming(out, "dkg.schnorr-missing");
    }

    @Test
    void honest_party_aborts_on_a_share_outside_the_scalar_field_or_a_non_unit_ciphertext() {
        PaillierPublicKey n1 = FixturePrimes.paillier(0).publicKey();
        var outOfRange = run("share-range", null, replaceShareTo1(n1.encrypt(
                io.custody.mpc.ecdsa.curve.Secp256k1.Q.add(BigInteger.valueOf(5)), n1.randomNonce(random))));
        Step.Abort<KeyShare> a = (Step.Abort<KeyShare>) outOfRange.get(1);
        assertThat(a.culprit()).isEqualTo(EVIL);
        assertThat(a.check()).isEqualTo("dkg.share-range");
        var notUnit = run("share-unit", null, replaceShareTo1(n1.n()));
        Step.Abort<KeyShare> b = (Step.Abort<KeyShare>) notUnit.get(1);
        assertThat(b.culprit()).isEqualTo(EVIL);
        assertThat(b.check()).isEqualTo("dkg.share-ciphertext");
    }

    private static Function<ProtocolMessage, List<ProtocolMessage>> replaceShareTo1(BigInteger ciphertext) {
        return m -> {
            if (m.from() != EVIL || m.round() != 3 || m.to() != 1) return List.of(m);
            WireReader in = new WireReader(m.payload(), "dkg.r3");
            in.big();
            FacProof fac = FacProof.read(in);
            WireWriter w = new WireWriter("dkg.r3").big(ciphertext);
            fac.write(w);
            return List.of(new ProtocolMessage(m.sessionId(), m.protocol(), 3, EVIL, 1, w.toBytes()));
        };
    }

    private BigInteger blumPrime(int bits) {
        while (true) {
            BigInteger p = BigInteger.probablePrime(bits, random);
            if (p.testBit(1)) return p;
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void honest_parties_refuse_a_peer_at_another_security_level_by_name() {
        List<KeygenParty> parties = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            PaillierSecretKey key = i == EVIL ? FixturePrimes.paillier3072(0) : FixturePrimes.paillier(i - 1);
            parties.add(KeygenParty.keygen("level", i, 3, 1, key, TestIdentities.keys(i), TestRandom.seeded(600 + i)));
        }
        assertHonestPartiesAbortNaming(new LocalNetwork<>(parties).run(), "dkg.security-level");
    }

    @Test
    void honest_parties_refuse_a_modulus_larger_than_the_level_before_any_proof_work() {
        // a peer's "modulus" of 8 Mbit used to reach primality tests and exponentiations; one bit more than the
        // level's size is refused the same way
        BigInteger huge = BigInteger.ONE.shiftLeft(8 * 1024 * 1024 - 16).add(BigInteger.ONE); // fits a 1 MiB field
        assertHonestPartiesAbortNaming(run("huge-n", null, rewriteReveal("huge-n", r -> withModulus(r, huge))),
                "dkg.modulus-size");
        BigInteger oneBitMore = FixturePrimes.paillier(1).publicKey().n().shiftLeft(1).add(BigInteger.ONE);
        assertHonestPartiesAbortNaming(run("2049-n", null, rewriteReveal("2049-n", r -> withModulus(r, oneBitMore))),
                "dkg.modulus-size");
    }

    @Test
    void a_verification_that_misses_its_deadline_aborts_naming_the_peer_whose_proofs_were_being_checked() {
        List<KeygenParty> parties = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            KeygenParty p = KeygenParty.keygen("deadline", i, 3, 1, FixturePrimes.paillier(i - 1),
                    TestIdentities.keys(i), TestRandom.seeded(700 + i));
            // party 1 stands for a node so loaded that bounded work still overruns: it gives up, but by name
            parties.add(i == 1 ? p.withVerificationDeadline(java.time.Duration.ofNanos(1)) : p);
        }
        Step<KeyShare> atOne = new LocalNetwork<>(parties).run().get(1);
        assertThat(atOne).isInstanceOf(Step.Abort.class);
        Step.Abort<KeyShare> a = (Step.Abort<KeyShare>) atOne;
        assertThat(a.check()).isEqualTo("verify.deadline");
        assertThat(a.culprit()).isEqualTo(2);
    }
}
