package io.custody.mpc.ecdsa.dkg;

import io.custody.mpc.ecdsa.fixtures.TestIdentities;
import io.custody.mpc.ecdsa.round.MessageSignatures;
import io.custody.mpc.ecdsa.round.Receipt;
import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.fixtures.LocalNetwork;
import io.custody.mpc.ecdsa.fixtures.SharedKeys;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;
import org.bouncycastle.math.ec.ECPoint;
import io.custody.mpc.ecdsa.zk.SecurityLevel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A refresh must not move the joint key: a party that commits to a non-zero constant term is named. */
class RefreshAttackTest {

    private static final int EVIL = 2;

    @Test
    void honest_parties_abort_when_a_refresh_polynomial_carries_a_constant_term() {
        String sid = "refresh-shift";
        List<KeyShare> old = SharedKeys.twoOfThree();
        List<KeygenParty> parties = new ArrayList<>();
        for (KeyShare s : old) {
            parties.add(KeygenParty.refresh(sid, s, FixturePrimes.paillier(15 + s.partyIndex()),
                    TestIdentities.keys(s.partyIndex()),
                    TestRandom.seeded(900 + s.partyIndex())));
        }
        ProtocolMessage[] held = new ProtocolMessage[1];
        Map<Integer, Step<KeyShare>> out = new LocalNetwork<>(parties).tamper(m -> {
            if (m.from() != EVIL) return List.of(m);
            if (m.round() == 1) {
                held[0] = m;
                return List.of();
            }
            if (m.round() != 2) return List.of(m);
            KeygenParty.Reveal r = KeygenParty.readReveal(m.payload());
            // prepend A_0 = G: the refreshed key would become X + G
            ECPoint[] shifted = new ECPoint[r.feldman().length + 1];
            shifted[0] = Secp256k1.G;
            System.arraycopy(r.feldman(), 0, shifted, 1, r.feldman().length);
            byte[] v = KeygenParty.commitment(sid, KeygenParty.REFRESH_PROTOCOL, SecurityLevel.BITS_112, EVIL, shifted,
                    r.chainCode(), r.salt(), r.rp());
            ProtocolMessage r1 = new ProtocolMessage(sid, m.protocol(), 1, EVIL, 0,
                    new WireWriter("dkg.r1").bytes(v).integer(112).toBytes());
            List<Receipt> echo = new ArrayList<>(r.echo());
            echo.set(EVIL - 1, MessageSignatures.receipt(r1, TestIdentities.privateKey(EVIL)));
            KeygenParty.Reveal forged = new KeygenParty.Reveal(echo, shifted, r.chainCode(), r.salt(), r.rp(),
                    r.schnorr(), r.mod(), r.prm());
            return List.of(r1, new ProtocolMessage(sid, m.protocol(), 2, EVIL, 0, KeygenParty.encodeReveal(forged)));
        }).run();
        for (int honest : List.of(1, 3)) {
            Step.Abort<KeyShare> a = (Step.Abort<KeyShare>) out.get(honest);
            assertThat(a.culprit()).isEqualTo(EVIL);
            assertThat(a.check()).isEqualTo("dkg.feldman-degree");
        }
    }

    @Test
    void honest_parties_abort_when_a_refresh_reveal_carries_a_schnorr_proof() {
        String sid = "refresh-schnorr";
        List<KeyShare> old = SharedKeys.twoOfThree();
        List<KeygenParty> parties = new ArrayList<>();
        for (KeyShare s : old) {
            parties.add(KeygenParty.refresh(sid, s, FixturePrimes.paillier(15 + s.partyIndex()),
                    TestIdentities.keys(s.partyIndex()),
                    TestRandom.seeded(950 + s.partyIndex())));
        }
        Map<Integer, Step<KeyShare>> out = new LocalNetwork<>(parties).tamper(m -> {
            if (m.from() != EVIL || m.round() != 2) return List.of(m);
            KeygenParty.Reveal r = KeygenParty.readReveal(m.payload());
            var proof = io.custody.mpc.ecdsa.zk.SchnorrProof.prove(java.math.BigInteger.ONE, Secp256k1.G,
                    new io.custody.mpc.transcript.ProofContext(sid, KeygenParty.REFRESH_PROTOCOL, 2, EVIL, 0),
                    TestRandom.seeded(1));
            KeygenParty.Reveal forged = new KeygenParty.Reveal(r.echo(), r.feldman(), r.chainCode(), r.salt(), r.rp(),
                    proof, r.mod(), r.prm());
            return List.of(new ProtocolMessage(sid, m.protocol(), 2, EVIL, 0, KeygenParty.encodeReveal(forged)));
        }).run();
        for (int honest : List.of(1, 3)) {
            Step.Abort<KeyShare> a = (Step.Abort<KeyShare>) out.get(honest);
            assertThat(a.culprit()).isEqualTo(EVIL);
            assertThat(a.check()).isEqualTo("dkg.schnorr-unexpected");
        }
    }
}
