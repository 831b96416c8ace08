package io.custody.mpc.frost;

import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever single bit of whatever signing or key-generation message is flipped on its way to one recipient, that
 * recipient aborts; no party ever outputs a signature that fails verification, and parties that finish a key
 * generation agree on the group key and every verifying share.
 */
class TamperingProperties {

    static List<KeyShare> shares;

    @BeforeProperty
    void keys() {
        if (shares == null) {
            shares = FrostTestSupport.dkg(Ed25519Sha512.INSTANCE, 2, 3);
        }
    }

    @Property(tries = 40)
    void a_flipped_bit_is_never_silently_accepted(@ForAll @IntRange(min = 1, max = 2) int round,
                                                  @ForAll @IntRange(min = 1, max = 3) int sender,
                                                  @ForAll @IntRange(min = 0, max = 1000) int position,
                                                  @ForAll @IntRange(min = 0, max = 7) int bit) {
        int recipient = sender % 3 + 1;
        byte[] msg = {1, 2, 3};
        boolean[] tampered = {false};
        Map<Integer, Step<FrostSignature>> out = LocalRun.run(
                FrostTestSupport.signers(shares, List.of(1, 2, 3), msg, "tamper"), (m, r) -> {
                    if (m.round() == round && m.from() == sender && r == recipient) {
                        byte[] p = m.payload();
                        p[position % p.length] ^= (byte) (1 << bit);
                        tampered[0] = true;
                        return new ProtocolMessage(m.sessionId(), m.protocol(), m.round(), m.from(), m.to(), p);
                    }
                    return m;
                });
        assertThat(tampered[0]).isTrue();
        assertThat(out.get(recipient)).isInstanceOf(Step.Abort.class);
        byte[] pk = shares.get(0).publicKeyPackage().groupPublicKeyBytes();
        out.values().forEach(step -> {
            if (step instanceof Step.Done<FrostSignature> d) {
                assertThat(FrostDkgAndSigningTest.bouncyCastleEd25519Accepts(pk, msg,
                        Ed25519Sha512.INSTANCE.serializeSignature(d.result()))).isTrue();
            }
        });
    }

    @Property(tries = 40)
    void a_flipped_bit_in_key_generation_never_splits_the_group(@ForAll @IntRange(min = 1, max = 2) int round,
                                                               @ForAll @IntRange(min = 1, max = 3) int sender,
                                                               @ForAll @IntRange(min = 0, max = 1000) int position,
                                                               @ForAll @IntRange(min = 0, max = 7) int bit) {
        int recipient = sender % 3 + 1;
        List<FrostDkgParty> parties = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            parties.add(new FrostDkgParty(Ed25519Sha512.INSTANCE, "dkg-tamper", i, 2, 3, io.custody.mpc.ecdsa.fixtures.TestIdentities.keys(i), FrostTestSupport.RANDOM));
        }
        Map<Integer, Step<KeyShare>> out = LocalRun.run(parties, (m, r) -> {
            if (m.round() == round && m.from() == sender && r == recipient) {
                byte[] p = m.payload();
                p[position % p.length] ^= (byte) (1 << bit);
                return new ProtocolMessage(m.sessionId(), m.protocol(), m.round(), m.from(), m.to(), p);
            }
            return m;
        });
        assertThat(out.get(recipient)).isInstanceOf(Step.Abort.class);
        List<PublicKeyPackage> finished = out.values().stream().filter(s -> s instanceof Step.Done)
                .map(s -> ((Step.Done<KeyShare>) s).result().publicKeyPackage()).toList();
        for (PublicKeyPackage pkg : finished) {
            assertThat(pkg.groupPublicKey()).isEqualTo(finished.get(0).groupPublicKey());
            assertThat(pkg.verifyingShares()).isEqualTo(finished.get(0).verifyingShares());
        }
    }
}
