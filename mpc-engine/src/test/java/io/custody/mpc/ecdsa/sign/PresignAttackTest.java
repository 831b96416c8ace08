package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.fixtures.SharedKeys;
import io.custody.mpc.ecdsa.round.AbortSignal;
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

/** Malformed presigning messages from party 2; honest signers abort naming it (or party 0 where unattributable). */
@Execution(ExecutionMode.CONCURRENT)
class PresignAttackTest {

    private static final int EVIL = 2;
    private static final int HEADER_R3 = 1 + 4 + "presign.r3".length();

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

    @Test
    void rejects_a_delta_share_outside_the_scalar_field() {
        var out = twoParty("delta-range", 3, payload -> {
            BigInteger delta = new WireReader(payload, "presign.r3").big();
            byte[] neg = delta.negate().toByteArray();
            byte[] orig = delta.toByteArray();
            if (neg.length != orig.length) return payload; // vanishingly rare; the assertion below then fails loudly
            System.arraycopy(neg, 0, payload, HEADER_R3 + 4, neg.length);
            return payload;
        });
        Step.Abort<Presignature> a = abortOf(out, 1);
        assertThat(a.culprit()).isEqualTo(EVIL);
        assertThat(a.check()).isEqualTo("presign.delta-range");
    }

    @Test
    void aborts_without_a_culprit_when_delta_shares_do_not_add_up() {
        var out = twoParty("delta-sum", 3, payload -> {
            BigInteger delta = new WireReader(payload, "presign.r3").big();
            byte[] orig = delta.toByteArray();
            byte[] other = delta.subtract(BigInteger.ONE).toByteArray();
            if (other.length != orig.length) return payload;
            System.arraycopy(other, 0, payload, HEADER_R3 + 4, other.length);
            return payload;
        });
        Step.Abort<Presignature> a = abortOf(out, 1);
        assertThat(a.culprit()).isEqualTo(AbortSignal.UNIDENTIFIED);
        assertThat(a.check()).isEqualTo("presign.delta-consistency");
    }

    @Test
    void aborts_without_a_culprit_when_chi_commitments_do_not_add_up_to_the_key() {
        var out = twoParty("chi-sum", 3, payload -> {
            WireReader in = new WireReader(payload, "presign.r3");
            int deltaLen = in.big().toByteArray().length;
            in.point();
            ECPoint s = in.point();
            int at = HEADER_R3 + 4 + deltaLen + 4 + 33 + 4;
            System.arraycopy(Secp256k1.encode(s.add(Secp256k1.G).normalize()), 0, payload, at, 33);
            return payload;
        });
        Step.Abort<Presignature> a = abortOf(out, 1);
        assertThat(a.culprit()).isEqualTo(AbortSignal.UNIDENTIFIED);
        assertThat(a.check()).isEqualTo("presign.chi-consistency");
    }

    @Test
    void names_the_echoer_that_misreports_this_partys_gamma() {
        var out = Signing.presign("gamma-echo", SharedKeys.threeOfFive(), List.of(1, 2, 3), m -> {
            if (m.from() != EVIL || m.round() != 3) return List.of(m);
            byte[] payload = m.payload();
            WireReader in = new WireReader(payload, "presign.r3");
            int deltaLen = in.big().toByteArray().length;
            in.point();
            in.point();
            ECPoint gamma1 = in.point();
            int at = HEADER_R3 + 4 + deltaLen + 37 + 37 + 4;
            System.arraycopy(Secp256k1.encode(gamma1.add(Secp256k1.G).normalize()), 0, payload, at, 33);
            return List.of(new ProtocolMessage(m.sessionId(), m.protocol(), 3, EVIL, 0, payload));
        });
        // party 1 knows its own Gamma, so the misreport is pinned on party 2 (party 3 cannot tell, see ADR ecdsa-001)
        Step.Abort<Presignature> a = abortOf(out, 1);
        assertThat(a.culprit()).isEqualTo(EVIL);
        assertThat(a.check()).isEqualTo("presign.gamma-echo");
        assertThat(abortOf(out, 3).check()).isEqualTo("presign.gamma-echo");
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
            BigInteger sigma = in.big().add(Secp256k1.Q);
            return List.of(new ProtocolMessage(m.sessionId(), m.protocol(), 1, EVIL, 0,
                    new WireWriter("sign.r1").string(id).bytes(digest).big(sigma).toBytes()));
        });
        Step.Abort<EcdsaSignature> a = abortOf(out, 1);
        assertThat(a.culprit()).isEqualTo(EVIL);
        assertThat(a.check()).isEqualTo("sign.share-range");
    }
}
