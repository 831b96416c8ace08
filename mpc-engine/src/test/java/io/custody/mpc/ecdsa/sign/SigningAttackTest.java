package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.fixtures.TestIdentities;
import io.custody.mpc.ecdsa.round.MessageSignatures;
import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.dkg.KeyShare;
import io.custody.mpc.ecdsa.fixtures.SharedKeys;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.ecdsa.paillier.PaillierPublicKey;
import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.ecdsa.zk.EncProof;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;
import io.custody.mpc.transcript.ProofContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Party 2 of the shared 2-of-3 key misbehaves while signing with party 1 (or with 1 and 3 for 3-of-5 cases);
 * the honest parties abort naming it. The key generation is shared: these attacks do not concern it.
 */
@Execution(ExecutionMode.CONCURRENT)
class SigningAttackTest {

    private static final int EVIL = 2;
    private static final byte[] TX = "pay 5 units".getBytes(StandardCharsets.UTF_8);
    private static final SignRequest REQUEST = new SignRequest(TX, MessageDigest.KECCAK_256, List.of());
    private final SecureRandom random = TestRandom.seeded(77);

    private static <R> void assertAbortNamingEvil(Map<Integer, Step<R>> out, int honest, String check) {
        assertThat(out.get(honest)).isInstanceOf(Step.Abort.class);
        Step.Abort<R> a = (Step.Abort<R>) out.get(honest);
        assertThat(a.culprit()).isEqualTo(EVIL);
        assertThat(a.check()).isEqualTo(check);
    }

    @Test
    void honest_party_aborts_on_an_mta_ciphertext_out_of_range_alpha_rays() {
        List<KeyShare> shares = SharedKeys.twoOfThree();
        KeyShare evil = shares.get(EVIL - 1);
        PaillierPublicKey evilKey = evil.paillierKey(EVIL);
        String sid = "alpha-rays";
        var out = Signing.presign(sid, shares, List.of(1, 2), m -> {
            if (m.from() != EVIL || m.round() != 1) return List.of(m);
            WireReader in = new WireReader(m.payload(), "presign.r1");
            in.big();
            BigInteger g = in.big();
            // k close to N/2: the responder's decryption would wrap and leak bits of its share
            BigInteger k = evilKey.n().shiftRight(1).subtract(BigInteger.valueOf(987654321));
            BigInteger rho = evilKey.randomNonce(random);
            BigInteger bigK = evilKey.encrypt(k, rho);
            WireWriter w = new WireWriter("presign.r1").big(bigK).big(g).integer(1).integer(1);
            EncProof.prove(evilKey, bigK, k, rho, evil.ringPedersen(1),
                    new ProofContext(sid, PresignParty.PROTOCOL, 1, EVIL, 1), random).write(w);
            return List.of(new ProtocolMessage(sid, m.protocol(), 1, EVIL, 0, w.toBytes()));
        });
        assertAbortNamingEvil(out, 1, "enc.range");
    }

    @Test
    void honest_party_aborts_on_an_invalid_curve_point_in_presigning() {
        var out = Signing.presign("bad-gamma", SharedKeys.twoOfThree(), List.of(1, 2), m -> {
            if (m.from() != EVIL || m.round() != 2) return List.of(m);
            byte[] payload = m.payload();
            // Gamma_i is the first field after the header: version, 4-byte length, type, 4-byte length
            int at = 1 + 4 + "presign.r2".length() + 4;
            byte[] bad = io.custody.mpc.ecdsa.fixtures.ForgedPoints.offCurve();
            System.arraycopy(bad, 0, payload, at, 33);
            return List.of(new ProtocolMessage(m.sessionId(), m.protocol(), 2, EVIL, m.to(), payload));
        });
        assertAbortNamingEvil(out, 1, "point.invalid");
    }

    @Test
    void honest_parties_abort_on_a_bad_signature_share() {
        List<Presignature> pre = Signing.presign("bad-share-pre", SharedKeys.twoOfThree(), List.of(1, 2));
        var out = Signing.sign("bad-share", pre, REQUEST, m -> {
            if (m.from() != EVIL) return List.of(m);
            WireReader in = new WireReader(m.payload(), "sign.r1");
            String id = in.string();
            byte[] digest = in.bytes();
            in.integer(); // empty path
            in.big(); // zero tweak
            org.bouncycastle.math.ec.ECPoint child = in.point();
            BigInteger sigma = in.big().add(BigInteger.ONE).mod(Secp256k1.Q);
            return List.of(new ProtocolMessage(m.sessionId(), m.protocol(), 1, EVIL, 0,
                    shareMessage(id, digest, child, sigma)));
        });
        assertAbortNamingEvil(out, 1, "sign.share");
    }

    @Test
    void honest_party_aborts_when_a_presignature_is_aimed_at_a_raw_digest() {
        // CVE-2025-66017 class: the malicious signer computes its share for a digest of its choosing with the
        // un-re-randomised nonce R, as a raw-digest API would let it; the share check against R' rejects it
        List<Presignature> pre = Signing.presign("raw-digest-pre", SharedKeys.twoOfThree(), List.of(1, 2));
        Presignature evilPre = pre.get(EVIL - 1);
        BigInteger[] secrets = evilPre.consume();
        BigInteger rawDigest = new BigInteger(1, MessageDigest.KECCAK_256.digest("attacker".getBytes()));
        BigInteger r = evilPre.bigR().getAffineXCoord().toBigInteger().mod(Secp256k1.Q);
        BigInteger evilSigma = secrets[0].multiply(rawDigest).add(r.multiply(secrets[1])).mod(Secp256k1.Q);
        byte[] honestDigest = MessageDigest.KECCAK_256.digest(TX);
        SignParty honest = new SignParty("raw-digest", pre.get(0), REQUEST, TestIdentities.keys(1));
        honest.start();
        Step<EcdsaSignature> step = honest.receive(MessageSignatures.sign(new ProtocolMessage("raw-digest",
                SignParty.PROTOCOL, 1, EVIL, 0,
                shareMessage(evilPre.id(), honestDigest, evilPre.publicKey(), evilSigma)),
                TestIdentities.privateKey(EVIL)));
        assertAbortNamingEvil(Map.of(1, step), 1, "sign.share");
    }

    @Test
    void honest_party_aborts_when_a_peer_signs_another_message() {
        List<Presignature> pre = Signing.presign("other-msg-pre", SharedKeys.twoOfThree(), List.of(1, 2));
        SignParty honest = new SignParty("other-msg", pre.get(0), REQUEST, TestIdentities.keys(1));
        SignParty evil = new SignParty("other-msg", pre.get(1),
                new SignRequest("pay 500 units".getBytes(StandardCharsets.UTF_8), MessageDigest.KECCAK_256, List.of()),
                TestIdentities.keys(2));
        honest.start();
        Step<EcdsaSignature> step = honest.receive(evil.start().get(0));
        assertAbortNamingEvil(Map.of(1, step), 1, "sign.message-mismatch");
    }

    @Test
    void honest_party_aborts_when_a_peer_uses_another_presignature() {
        List<Presignature> first = Signing.presign("mix-pre-1", SharedKeys.twoOfThree(), List.of(1, 2));
        List<Presignature> second = Signing.presign("mix-pre-2", SharedKeys.twoOfThree(), List.of(1, 2));
        SignParty honest = new SignParty("mix", first.get(0), REQUEST, TestIdentities.keys(1));
        SignParty evil = new SignParty("mix", second.get(1), REQUEST, TestIdentities.keys(2));
        honest.start();
        Step<EcdsaSignature> step = honest.receive(evil.start().get(0));
        assertAbortNamingEvil(Map.of(1, step), 1, "sign.presignature-mismatch");
        assertThat(first.get(0).isConsumed()).as("an aborted run still burns the presignature").isTrue();
    }

    /** A sign.r1 payload for the empty derivation path (tweak 0, child key = joint key). */
    private static byte[] shareMessage(String id, byte[] digest, org.bouncycastle.math.ec.ECPoint child, BigInteger sigma) {
        return new WireWriter("sign.r1").string(id).bytes(digest).integer(0).big(BigInteger.ZERO).point(child)
                .big(sigma).toBytes();
    }

    @Test
    void signers_given_different_derivation_paths_abort_without_naming_either() {
        List<Presignature> pre = Signing.presign("paths-pre", SharedKeys.twoOfThree(), List.of(1, 2));
        SignParty one = new SignParty("paths", pre.get(0), new SignRequest(TX, MessageDigest.KECCAK_256, List.of(1)),
                TestIdentities.keys(1));
        SignParty two = new SignParty("paths", pre.get(1), new SignRequest(TX, MessageDigest.KECCAK_256, List.of(2)),
                TestIdentities.keys(2));
        List<io.custody.mpc.session.ProtocolMessage> fromOne = one.start();
        Step<EcdsaSignature> atOne = one.receive(two.start().get(0));
        Step<EcdsaSignature> atTwo = two.receive(fromOne.get(0));
        for (Step<EcdsaSignature> s : List.of(atOne, atTwo)) {
            assertThat(s).isInstanceOf(Step.Abort.class);
            Step.Abort<EcdsaSignature> a = (Step.Abort<EcdsaSignature>) s;
            assertThat(a.check()).isEqualTo("sign.derivation-mismatch");
            assertThat(a.culprit()).as("an honest signer is never named for the request it was given").isZero();
        }
    }

    @Test
    void a_hardened_path_is_refused_before_the_presignature_is_spent() {
        List<Presignature> pre = Signing.presign("hardened-pre", SharedKeys.twoOfThree(), List.of(1, 2));
        SignRequest hardened = new SignRequest(TX, MessageDigest.KECCAK_256, List.of(44, 0x80000000));
        assertThatThrownBy(() -> new SignParty("hardened", pre.get(0), hardened, TestIdentities.keys(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(pre.get(0).isConsumed()).as("the refused request left the presignature usable").isFalse();
        assertThat(Signing.sign("hardened-then-valid", pre, new SignRequest(TX, MessageDigest.KECCAK_256, List.of(44))))
                .hasSize(2);
    }
}
