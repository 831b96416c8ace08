package io.custody.mpc.ecdsa.zk;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.transcript.ProofContext;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SchnorrProofTest {

    private static final ProofContext CTX = new ProofContext("sid-sch", "test/1", 2, 1, 0);
    private final SecureRandom random = TestRandom.seeded(29);
    private final BigInteger x = Secp256k1.randomScalar(random);
    private final ECPoint bigX = Secp256k1.mulG(x);

    @Test
    void accepts_knowledge_of_the_discrete_log() {
        assertThat(SchnorrProof.prove(x, bigX, CTX, random).verify(bigX, CTX).isOk()).isTrue();
    }

    @Test
    void rejects_a_proof_for_another_point_or_party() {
        SchnorrProof p = SchnorrProof.prove(x, bigX, CTX, random);
        assertThat(p.verify(Secp256k1.mulG(x.add(BigInteger.ONE)), CTX).check()).isEqualTo("schnorr.equation");
        assertThat(p.verify(bigX, new ProofContext("sid-sch", "test/1", 2, 2, 0)).check())
                .isEqualTo("schnorr.equation");
    }

    @Test
    void rejects_a_response_outside_the_scalar_field() {
        SchnorrProof p = SchnorrProof.prove(x, bigX, CTX, random);
        assertThat(new SchnorrProof(p.a(), p.z().add(Secp256k1.Q)).verify(bigX, CTX).check())
                .isEqualTo("schnorr.z-range");
    }
}
