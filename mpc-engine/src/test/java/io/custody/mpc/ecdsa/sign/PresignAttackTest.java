package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.fixtures.SharedKeys;
import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Party 2 deviates from presigning, either on the wire or through {@link PresignDeviation} (a consistent liar); the
 * honest signers abort naming it and the check it failed.
 */
@Execution(ExecutionMode.CONCURRENT)
class PresignAttackTest {

    private static final int EVIL = 2;

    private static <R> Step.Abort<R> abortOf(Map<Integer, Step<R>> out, int party) {
        assertThat(out.get(party)).as("party " + party).isInstanceOf(Step.Abort.class);
        return (Step.Abort<R>) out.get(party);
    }

    private static Map<Integer, Step<Presignature>> twoParty(String sid, int round, UnaryOperator<byte[]> f) {
        return Signing.presign(sid, SharedKeys.twoOfThree(), List.of(1, 2), m -> m.from() == EVIL && m.round() == round
                ? List.of(new ProtocolMessage(m.sessionId(), m.protocol(), round, EVIL, m.to(), f.apply(m.payload())))
                : List.of(m));
    }

    @Test
    void rejects_a_nonce_ciphertext_that_is_not_a_unit() {
        var out = twoParty("k-unit", 1, payload -> {
            WireReader in = new WireReader(payload, "presign.r1");
            BigInteger k = in.big();
            byte[] rest = java.util.Arrays.copyOfRange(payload, 1 + 4 + 10 + 4 + k.toByteArray().length,
                    payload.length);
            byte[] head = new WireWriter("presign.r1").big(BigInteger.ZERO).toBytes();
            byte[] all = java.util.Arrays.copyOf(head, head.length + rest.length);
            System.arraycopy(rest, 0, all, head.length, rest.length);
            return all;
        });
        Step.Abort<Presignature> a = abortOf(out, 1);
        assertThat(a.culprit()).isEqualTo(EVIL);
        assertThat(a.check()).isEqualTo("presign.ciphertext");
    }

    @Test
    void rejects_an_inconsistent_round_one_broadcast() {
        var out = Signing.presign("presign-echo", SharedKeys.threeOfFive(), List.of(1, 2, 3), m -> {
            if (m.from() != EVIL || m.round() != 1) return List.of(m);
            byte[] altered = m.payload();
            // flip a byte inside the range proof meant for party 1: party 3 does not verify that proof, so only the
            // echo can reveal that parties 1 and 3 received different broadcasts
            WireReader in = new WireReader(altered, "presign.r1");
            int lenK = in.big().toByteArray().length;
            int lenG = in.big().toByteArray().length;
            altered[1 + 4 + 10 + 4 + lenK + 4 + lenG + 4 + 4 + 4 + 10] ^= 1;
            return List.of(new ProtocolMessage(m.sessionId(), m.protocol(), 1, EVIL, 1, m.payload()),
                    new ProtocolMessage(m.sessionId(), m.protocol(), 1, EVIL, 3, altered));
        });
        for (int honest : List.of(1, 3)) {
            Step.Abort<Presignature> a = abortOf(out, honest);
            assertThat(a.culprit()).isEqualTo(EVIL);
            assertThat(a.check()).isEqualTo("presign.echo");
        }
    }

    private static Map<Integer, Step<Presignature>> deviant(String sid, List<Integer> signers,
                                                            PresignDeviation deviation) {
        List<io.custody.mpc.ecdsa.dkg.KeyShare> shares = signers.size() == 2 ? SharedKeys.twoOfThree()
                : SharedKeys.threeOfFive();
        return Signing.presign(sid, shares, signers, EVIL, deviation, List::of);
    }

    private static void allHonestName(Map<Integer, Step<Presignature>> out, List<Integer> signers, int culprit,
                                      String check) {
        for (int honest : signers) {
            if (honest == EVIL) continue;
            Step.Abort<Presignature> a = abortOf(out, honest);
            assertThat(a.culprit()).as("culprit named by " + honest).isEqualTo(culprit);
            assertThat(a.check()).as("check failed at " + honest).isEqualTo(check);
        }
    }

    /** A signer that sends delta_i + 1 and believes it: its own delta check fails too, so it opens honestly. */
    private static final PresignDeviation DELTA_LIE = new PresignDeviation() {
        @Override
        public BigInteger delta(BigInteger honest) {
            return honest.add(BigInteger.ONE).mod(Secp256k1.Q);
        }
    };

    private static PresignDeviation deltaLieThen(java.util.function.UnaryOperator<PresignOpening> forge) {
        return new PresignDeviation() {
            @Override
            public BigInteger delta(BigInteger honest) {
                return DELTA_LIE.delta(honest);
            }

            @Override
            public PresignOpening opening(PresignOpening honest) {
                return forge.apply(honest);
            }
        };
    }

    @Test
    void rejects_a_delta_share_outside_the_scalar_field() {
        var out = deviant("delta-range", List.of(1, 2), new PresignDeviation() {
            @Override
            public BigInteger delta(BigInteger honest) {
                return honest.add(Secp256k1.Q);
            }
        });
        allHonestName(out, List.of(1, 2), EVIL, "presign.delta-range");
    }

    @Test
    void names_the_signer_whose_delta_share_does_not_match_its_mta_values() {
        allHonestName(deviant("delta-lie-2", List.of(1, 2), DELTA_LIE), List.of(1, 2), EVIL, "presign.delta-share");
        allHonestName(deviant("delta-lie-3", List.of(1, 2, 3), DELTA_LIE), List.of(1, 2, 3), EVIL,
                "presign.delta-share");
    }

    @Test
    void names_the_signer_whose_chi_commitment_does_not_match_its_mta_values() {
        PresignDeviation sLie = new PresignDeviation() {
            @Override
            public ECPoint bigS(ECPoint honest) {
                return honest.add(Secp256k1.G).normalize();
            }
        };
        allHonestName(deviant("chi-lie-2", List.of(1, 2), sLie), List.of(1, 2), EVIL, "presign.chi-share");
        allHonestName(deviant("chi-lie-3", List.of(1, 2, 3), sLie), List.of(1, 2, 3), EVIL, "presign.chi-share");
    }

    @Test
    void names_a_signer_whose_opening_does_not_open_its_nonce_ciphertext() {
        var out = deviant("open-k", List.of(1, 2, 3), deltaLieThen(o -> new PresignOpening(o.k().add(BigInteger.ONE),
                o.rho(), o.gamma(), o.nu(), o.masks(), o.hatMask(), o.proofs())));
        allHonestName(out, List.of(1, 2, 3), EVIL, "presign.opening-k");
    }

    @Test
    void names_a_signer_whose_gamma_opening_does_not_match_its_gamma_point() {
        // a gamma shifted by q still opens G as an integer only if the nonce is forged too; here G does not open
        var out = deviant("open-gamma", List.of(1, 2), deltaLieThen(o -> new PresignOpening(o.k(), o.rho(),
                o.gamma().add(Secp256k1.Q), o.nu(), o.masks(), o.hatMask(), o.proofs())));
        allHonestName(out, List.of(1, 2), EVIL, "presign.opening-gamma");
    }

    @Test
    void names_a_signer_that_opens_an_mta_mask_it_did_not_use() {
        var out = deviant("open-beta", List.of(1, 2, 3), deltaLieThen(o -> {
            var masks = new java.util.TreeMap<>(o.masks());
            var m = masks.get(3);
            // shifting beta by k_j q leaves delta unchanged mod q but no longer opens D or F
            masks.put(3, new PresignOpening.MaskOpening(m.beta().add(Secp256k1.Q), m.s(), m.r()));
            return new PresignOpening(o.k(), o.rho(), o.gamma(), o.nu(), masks, o.hatMask(), o.proofs());
        }));
        allHonestName(out, List.of(1, 2, 3), EVIL, "presign.opening-mta");
    }

    @Test
    void names_a_signer_whose_published_mask_point_does_not_match_its_ciphertext() {
        var out = deviant("open-hat", List.of(1, 2, 3), deltaLieThen(o -> {
            var hat = new java.util.TreeMap<>(o.hatMask());
            hat.put(1, hat.get(1).add(Secp256k1.G).normalize());
            return new PresignOpening(o.k(), o.rho(), o.gamma(), o.nu(), o.masks(), hat, o.proofs());
        }));
        // party 1 and party 3 each check the proof made for them; the point is in the Fiat-Shamir transcript, so the
        // challenge changes and the first equation of Pi^log* fails
        allHonestName(out, List.of(1, 2, 3), EVIL, "logstar.paillier");
    }

    @Test
    void names_a_signer_that_does_not_open_after_a_failed_check() {
        var out = deviant("no-open", List.of(1, 2, 3), new PresignDeviation() {
            @Override
            public BigInteger delta(BigInteger honest) {
                return DELTA_LIE.delta(honest);
            }

            @Override
            public boolean opens(boolean checksFailed) {
                return false;
            }
        });
        allHonestName(out, List.of(1, 2, 3), EVIL, "presign.identification-missing");
    }

    @Test
    void names_a_signer_that_opens_although_every_check_passed() {
        var out = deviant("false-alarm", List.of(1, 2), new PresignDeviation() {
            @Override
            public boolean opens(boolean checksFailed) {
                return true;
            }
        });
        allHonestName(out, List.of(1, 2), EVIL, "presign.identification-unexpected");
    }

    @Test
    void an_honest_run_releases_presignatures_only_after_the_fourth_round() {
        var out = Signing.presign("four-rounds", SharedKeys.twoOfThree(), List.of(1, 3), m -> {
            assertThat(m.round()).isBetween(1, 4);
            return List.of(m);
        });
        assertThat(out.values()).allMatch(s -> s instanceof Step.Done);
    }

    @Test
    void names_the_sender_of_a_round_two_broadcast_that_differs_between_recipients() {
        var out = Signing.presign("echo-r2", SharedKeys.threeOfFive(), List.of(1, 2, 3), m -> {
            if (m.from() != EVIL || m.round() != 2) return List.of(m);
            // party 3 gets a different response for party 1, which only party 1 would verify
            PresignWire.Round2 r = PresignWire.Round2.read(m.payload(), 3);
            var responses = new java.util.ArrayList<>(r.responses());
            PresignWire.Response to1 = responses.get(0);
            BigInteger n1sq = SharedKeys.threeOfFive().get(0).paillierKey(1).nSquared();
            responses.set(0, new PresignWire.Response(1, to1.d().multiply(to1.d()).mod(n1sq), to1.f(), to1.affG(),
                    to1.dHat(), to1.fHat(), to1.affGHat(), to1.logStar()));
            byte[] altered = new PresignWire.Round2(r.gamma(), r.echo(), responses).write();
            return List.of(new ProtocolMessage(m.sessionId(), m.protocol(), 2, EVIL, 1, m.payload()),
                    new ProtocolMessage(m.sessionId(), m.protocol(), 2, EVIL, 3, altered));
        });
        allHonestName(out, List.of(1, 2, 3), EVIL, "presign.echo-round2");
    }

    @Test
    void names_the_sender_of_a_round_three_broadcast_that_differs_between_recipients() {
        var out = Signing.presign("echo-r3", SharedKeys.threeOfFive(), List.of(1, 2, 3), m -> {
            if (m.from() != EVIL || m.round() != 3) return List.of(m);
            PresignWire.Round3 r = PresignWire.Round3.read(m.payload(), 3);
            byte[] altered = new PresignWire.Round3(r.delta().add(BigInteger.ONE), r.bigDelta(), r.bigS(), r.echo(),
                    r.proofs()).write();
            return List.of(new ProtocolMessage(m.sessionId(), m.protocol(), 3, EVIL, 1, m.payload()),
                    new ProtocolMessage(m.sessionId(), m.protocol(), 3, EVIL, 3, altered));
        });
        // party 3 alone sees the delta check fail and opens its nonces; the echo makes everyone abort before any
        // identification, so those nonces never belong to a presignature anyone keeps
        allHonestName(out, List.of(1, 2, 3), EVIL, "presign.echo-round3");
    }

    @Test
    void names_the_echoer_that_misreports_a_round_two_message_at_every_signer() {
        var out = Signing.presign("echo-misreport", SharedKeys.threeOfFive(), List.of(1, 2, 3), m -> {
            if (m.from() != EVIL || m.round() != 3) return List.of(m);
            PresignWire.Round3 r = PresignWire.Round3.read(m.payload(), 3);
            var echo = new java.util.ArrayList<>(r.echo());
            byte[] digest = echo.get(0).clone();
            digest[0] ^= 1;
            echo.set(0, digest);
            return List.of(new ProtocolMessage(m.sessionId(), m.protocol(), 3, EVIL, 0,
                    new PresignWire.Round3(r.delta(), r.bigDelta(), r.bigS(), echo, r.proofs()).write()));
        });
        // party 1 signed no such message, and the forged receipt's signature does not verify under party 1's key, so
        // party 3 too can tell that the echoer lies (ADR ecdsa-008)
        allHonestName(out, List.of(1, 2, 3), EVIL, "presign.echo-round2");
    }

    @Test
    void rejects_a_signature_share_outside_the_scalar_field() {
        List<Presignature> pre = Signing.presign("share-range-pre", SharedKeys.twoOfThree(), List.of(1, 2));
        SignRequest request = new SignRequest(new byte[] {1}, MessageDigest.SHA_256, List.of());
        var out = Signing.sign("share-range", pre, request, m -> {
            if (m.from() != EVIL) return List.of(m);
            WireReader in = new WireReader(m.payload(), "sign.r1");
            String id = in.string();
            byte[] digest = in.bytes();
            int depth = in.integer(); // the empty path: no indices follow
            BigInteger tweak = in.big();
            var child = in.point();
            BigInteger sigma = in.big().add(Secp256k1.Q);
            return List.of(new ProtocolMessage(m.sessionId(), m.protocol(), 1, EVIL, 0,
                    new WireWriter("sign.r1").string(id).bytes(digest).integer(depth).big(tweak).point(child)
                            .big(sigma).toBytes()));
        });
        Step.Abort<EcdsaSignature> a = abortOf(out, 1);
        assertThat(a.culprit()).isEqualTo(EVIL);
        assertThat(a.check()).isEqualTo("sign.share-range");
    }

    @Test
    void a_signer_whose_proof_verification_misses_its_deadline_names_the_peer_being_checked() {
        List<Integer> signers = List.of(1, 2);
        List<PresignParty> parties = List.of(
                new PresignParty("presign-deadline", SharedKeys.twoOfThree().get(0), signers,
                        io.custody.mpc.ecdsa.fixtures.TestIdentities.keys(1),
                        io.custody.mpc.ecdsa.fixtures.TestRandom.seeded(801))
                        .withVerificationDeadline(java.time.Duration.ofNanos(1)),
                new PresignParty("presign-deadline", SharedKeys.twoOfThree().get(1), signers,
                        io.custody.mpc.ecdsa.fixtures.TestIdentities.keys(2),
                        io.custody.mpc.ecdsa.fixtures.TestRandom.seeded(802)));
        Step.Abort<Presignature> a = abortOf(new io.custody.mpc.ecdsa.fixtures.LocalNetwork<>(parties).run(), 1);
        assertThat(a.check()).isEqualTo("verify.deadline");
        assertThat(a.culprit()).isEqualTo(2);
    }
}
